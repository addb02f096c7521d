package attacks

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"

	"github.com/disintegration/imaging"
)

// edgeStyle draws the medium's border around the content.
type edgeStyle int

const (
	paperEdge edgeStyle = iota // a white paper margin
	bezel                      // a black screen bezel
)

// frame shows the content at the given fraction of a w×h camera frame, tilted by up to ±6°, inside its
// paper margin or bezel, in front of a random background.
func frame(content *image.NRGBA, w, h int, fraction float64, edge edgeStyle, r *rand.Rand) *image.NRGBA {
	cw, ch := content.Rect.Dx(), content.Rect.Dy()
	scale := fraction * math.Min(float64(w)/float64(cw), float64(h)/float64(ch))
	sw, sh := max(1, int(float64(cw)*scale)), max(1, int(float64(ch)*scale))
	shown := imaging.Resize(content, sw, sh, imaging.Lanczos)

	margin := int(float64(max(sw, sh)) * (0.04 + r.Float64()*0.04))
	edgeColour := color.NRGBA{R: 248, G: 246, B: 238, A: 255}
	if edge == bezel {
		edgeColour = color.NRGBA{R: 12, G: 12, B: 14, A: 255}
	}
	medium := imaging.New(sw+2*margin, sh+2*margin, edgeColour)
	medium = imaging.Paste(medium, shown, image.Pt(margin, margin))
	angle := r.Float64()*12 - 6
	medium = imaging.Rotate(medium, angle, color.NRGBA{})

	scene := background(w, h, r)
	mx := (w - medium.Rect.Dx()) / 2
	my := (h - medium.Rect.Dy()) / 2
	jx := int((r.Float64()*2 - 1) * 0.05 * float64(w))
	jy := int((r.Float64()*2 - 1) * 0.05 * float64(h))
	return imaging.Overlay(scene, medium, image.Pt(mx+jx, my+jy), 1)
}

// closeup crops the centre of the content enlarged by zoom, so no edge of the medium is in the picture.
func closeup(content *image.NRGBA, zoom float64, r *rand.Rand) *image.NRGBA {
	w, h := content.Rect.Dx(), content.Rect.Dy()
	big := imaging.Resize(content, int(float64(w)*zoom), int(float64(h)*zoom), imaging.Lanczos)
	dx := int(r.Float64() * float64(big.Rect.Dx()-w))
	dy := int(r.Float64() * float64(big.Rect.Dy()-h))
	return imaging.Crop(big, image.Rect(dx, dy, dx+w, dy+h))
}

// background is a smooth random surface (wall, desk, clothing) with a gradient.
func background(w, h int, r *rand.Rand) *image.NRGBA {
	base := [3]float64{40 + r.Float64()*160, 40 + r.Float64()*160, 40 + r.Float64()*160}
	gx, gy := r.Float64()*2-1, r.Float64()*2-1
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			shade := 1 + 0.25*(gx*float64(x)/float64(w)+gy*float64(y)/float64(h))
			i := y*img.Stride + 4*x
			for c := range 3 {
				img.Pix[i+c] = clamp8(base[c]*shade + r.NormFloat64()*3)
			}
			img.Pix[i+3] = 255
		}
	}
	return img
}

// glare adds a soft elliptical highlight (a lamp or window reflected in glossy paper or glass) of the given
// peak strength (fraction of white) somewhere in the picture.
func glare(img *image.NRGBA, strength float64, r *rand.Rand) {
	w, h := float64(img.Rect.Dx()), float64(img.Rect.Dy())
	cx, cy := w*(0.15+0.7*r.Float64()), h*(0.15+0.7*r.Float64())
	rx, ry := w*(0.08+0.15*r.Float64()), h*(0.05+0.12*r.Float64())
	eachPixel(img, func(x, y int, p []float64) {
		dx, dy := (float64(x)-cx)/rx, (float64(y)-cy)/ry
		g := strength * math.Exp(-(dx*dx+dy*dy)/2)
		for c := range 3 {
			p[c] += g * (255 - p[c])
		}
	})
}

// camera re-photographs the scene: defocus blur, sensor noise and JPEG compression.
func camera(scene *image.NRGBA, blur, noise float64, quality int, r *rand.Rand) image.Image {
	img := imaging.Blur(scene, blur)
	eachPixel(img, func(_, _ int, p []float64) {
		n := r.NormFloat64() * noise
		for c := range 3 {
			p[c] += n + r.NormFloat64()*noise*0.3
		}
	})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return img
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		return img
	}
	return out
}
