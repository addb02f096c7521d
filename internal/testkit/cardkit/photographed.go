package cardkit

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
)

// photograph lays the card on a table and photographs it: the card is tilted
// up to about 20 degrees about each axis and turned up to 8 degrees in its
// plane, seen through a pinhole camera; the table has a texture, the card
// casts a shadow, a lamp leaves glare on it and a hand a soft shadow across
// it; the result gets sensor noise and a phone's JPEG compression.
func photograph(img image.Image, r *rand.Rand) image.Image {
	out, _ := photographCorners(img, r)
	return out
}

// photographCorners is photograph that also returns where the card's corners
// (top-left, top-right, bottom-right, bottom-left of the card as rendered)
// lie in the photo, in pixel coordinates (pixel (x, y) covers x..x+1).
func photographCorners(img image.Image, r *rand.Rand) (image.Image, [4][2]float64) {
	src := imageRGBA(img)
	sw, sh := float64(src.Rect.Dx()), float64(src.Rect.Dy())
	// Output frame: the card fills 55-75% of the width of a 4:3 photo.
	fill := 0.55 + r.Float64()*0.2
	ow := int(sw / fill)
	oh := ow * 3 / 4
	if float64(oh) < sh/fill*0.9 {
		oh = int(sh / fill)
	}
	corners := tiltedCorners(sw, sh, float64(ow), float64(oh), r)
	h := homographyTo(corners, sw, sh) // output -> card
	bg := tableTexture(ow, oh, r)
	shadowDX, shadowDY := 6+r.Float64()*14, 8+r.Float64()*14
	glare := glareSpot{x: sw * (0.2 + 0.6*r.Float64()), y: sh * (0.2 + 0.6*r.Float64()),
		rad: sw * (0.12 + 0.15*r.Float64()), gain: 0.35 + 0.3*r.Float64()}
	hand := handShadow(sw, sh, r)
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := range oh {
		for x := range ow {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			i := y*out.Stride + x*4
			u, v, ok := h.apply(fx, fy)
			var c [3]float64
			if ok && u >= 0 && v >= 0 && u < sw-1 && v < sh-1 {
				c = bilinear(src, u, v)
				shade := hand(u, v)
				g := glare.at(u, v)
				for ch := range 3 {
					c[ch] = c[ch]*shade + (255-c[ch]*shade)*g
				}
			} else {
				bi := y*bg.Stride + x*4
				c = [3]float64{float64(bg.Pix[bi]), float64(bg.Pix[bi+1]), float64(bg.Pix[bi+2])}
				if su, sv, ok := h.apply(fx-shadowDX, fy-shadowDY); ok && su >= 0 && sv >= 0 && su < sw && sv < sh {
					for ch := range 3 {
						c[ch] *= 0.55
					}
				}
			}
			for ch := range 3 {
				out.Pix[i+ch] = clamp8(c[ch] + r.NormFloat64()*(3+2*float64(ch%2)))
			}
			out.Pix[i+3] = 255
		}
	}
	return jpegRoundTrip(out, 68+r.IntN(15)), corners
}

// tiltedCorners places the card's corners (TL, TR, BR, BL) in the photo:
// rotated in 3-D by up to 20 degrees about x and y and 8 in plane, projected
// with a focal length of about the photo's width, centred with some offset.
func tiltedCorners(sw, sh, ow, oh float64, r *rand.Rand) [4][2]float64 {
	deg := math.Pi / 180
	ax, ay := (r.Float64()*2-1)*20*deg, (r.Float64()*2-1)*20*deg
	az := (r.Float64()*2 - 1) * 8 * deg
	f := ow * (0.9 + 0.4*r.Float64())
	pts := [4][2]float64{{-sw / 2, -sh / 2}, {sw / 2, -sh / 2}, {sw / 2, sh / 2}, {-sw / 2, sh / 2}}
	var out [4][2]float64
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, p := range pts {
		x, y, z := p[0], p[1], 0.0
		y, z = y*math.Cos(ax)-z*math.Sin(ax), y*math.Sin(ax)+z*math.Cos(ax)
		x, z = x*math.Cos(ay)+z*math.Sin(ay), -x*math.Sin(ay)+z*math.Cos(ay)
		x, y = x*math.Cos(az)-y*math.Sin(az), x*math.Sin(az)+y*math.Cos(az)
		s := f / (f + z)
		out[i] = [2]float64{x * s, y * s}
		minX, maxX = math.Min(minX, out[i][0]), math.Max(maxX, out[i][0])
		minY, maxY = math.Min(minY, out[i][1]), math.Max(maxY, out[i][1])
	}
	// Fit into the frame with a margin, then place at random within the slack.
	scale := math.Min(1, math.Min(ow*0.92/(maxX-minX), oh*0.92/(maxY-minY)))
	slackX, slackY := ow-(maxX-minX)*scale, oh-(maxY-minY)*scale
	offX := slackX*(0.25+0.5*r.Float64()) - minX*scale
	offY := slackY*(0.25+0.5*r.Float64()) - minY*scale
	for i := range out {
		out[i] = [2]float64{out[i][0]*scale + offX, out[i][1]*scale + offY}
	}
	return out
}

type glareSpot struct{ x, y, rad, gain float64 }

// at is the share of white a lamp's reflection adds at card point (u, v).
func (g glareSpot) at(u, v float64) float64 {
	d := math.Hypot(u-g.x, (v-g.y)*1.6) / g.rad
	return g.gain * math.Exp(-d*d)
}

// handShadow darkens a soft-edged band across part of the card (a phone or
// hand between the lamp and the card) down to 60-75% brightness.
func handShadow(sw, sh float64, r *rand.Rand) func(u, v float64) float64 {
	angle := r.Float64() * math.Pi
	nx, ny := math.Cos(angle), math.Sin(angle)
	edge := (r.Float64()*0.6 + 0.2) * (math.Abs(nx)*sw + math.Abs(ny)*sh)
	depth := 0.25 + 0.15*r.Float64()
	soft := 40 + 60*r.Float64()
	return func(u, v float64) float64 {
		d := u*math.Abs(nx) + v*math.Abs(ny) - edge
		return 1 - depth/(1+math.Exp(-d/soft))
	}
}

// tableTexture: wood grain or a woven cloth, with a lighting gradient.
func tableTexture(w, h int, r *rand.Rand) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	base := [3]float64{60 + r.Float64()*110, 45 + r.Float64()*90, 30 + r.Float64()*80}
	cloth := r.IntN(2) == 0
	freq, phase := 0.03+r.Float64()*0.06, r.Float64()*10
	for y := range h {
		for x := range w {
			var t float64
			if cloth {
				t = 14 * math.Sin(float64(x)*0.9) * math.Sin(float64(y)*0.9)
			} else {
				t = 20 * math.Sin(float64(y)*freq+6*math.Sin(float64(x)*0.005+phase))
			}
			shade := 1.1 - 0.35*float64(x+y)/float64(w+h)
			i := y*img.Stride + x*4
			for ch := range 3 {
				img.Pix[i+ch] = clamp8((base[ch] + t) * shade)
			}
			img.Pix[i+3] = 255
		}
	}
	return img
}

func imageRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok && m.Rect.Min == (image.Point{}) {
		return m
	}
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			out.Set(x, y, color.RGBAModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)))
		}
	}
	return out
}

func bilinear(m *image.RGBA, u, v float64) [3]float64 {
	x0, y0 := int(u), int(v)
	fx, fy := u-float64(x0), v-float64(y0)
	var c [3]float64
	for ch := range 3 {
		p := func(x, y int) float64 { return float64(m.Pix[y*m.Stride+x*4+ch]) }
		top := p(x0, y0)*(1-fx) + p(x0+1, y0)*fx
		bot := p(x0, y0+1)*(1-fx) + p(x0+1, y0+1)*fx
		c[ch] = top*(1-fy) + bot*fy
	}
	return c
}
