package cardkit

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"

	"github.com/disintegration/imaging"
)

// Variant names a degradation applied to a rendered card.
type Variant string

// The degradations the issue asks for, each modelling a common upload defect.
const (
	Clean      Variant = "clean"      // as rendered
	Rotate     Variant = "rotate"     // rotated by up to ±4 degrees (hand-held photo)
	Blur       Variant = "blur"       // Gaussian blur, sigma 1.0-1.6 (out of focus)
	Noise      Variant = "noise"      // Gaussian noise, sigma 10-16 per channel (low light)
	JPEG40     Variant = "jpeg40"     // JPEG at quality 40 (compressed messenger upload)
	Small      Variant = "small"      // down-scaled to 600 px wide (low-resolution camera)
	Lighting   Variant = "lighting"   // uneven illumination, a dark corner and a bright patch
	Background Variant = "background" // card lying on a textured surface with a wide margin
	// Photographed: a phone photo of the card on a table: perspective up to
	// about 20 degrees, a textured background, a shadow, glare, JPEG noise.
	Photographed Variant = "photographed"
)

// Variants lists every variant in a stable order.
var Variants = []Variant{Clean, Rotate, Blur, Noise, JPEG40, Small, Lighting, Background, Photographed}

// ParseVariant accepts a variant name.
func ParseVariant(s string) (Variant, error) {
	for _, v := range Variants {
		if string(v) == s {
			return v, nil
		}
	}
	return "", fmt.Errorf("cardkit: unknown variant %q (known: %v)", s, Variants)
}

// Degrade returns img with the variant's defect applied; r draws the
// variant's parameters, so a seed reproduces the same image (nil: seed 0).
func Degrade(img image.Image, v Variant, r *rand.Rand) image.Image {
	if r == nil {
		r = NewRand(0)
	}
	switch v {
	case Rotate:
		angle := 1 + r.Float64()*3 // 1-4 degrees, either way
		if r.IntN(2) == 0 {
			angle = -angle
		}
		return imaging.Rotate(img, angle, color.RGBA{235, 235, 232, 255})
	case Blur:
		return imaging.Blur(img, 1.0+r.Float64()*0.6)
	case Noise:
		return addNoise(img, 10+r.Float64()*6, r)
	case JPEG40:
		return jpegRoundTrip(img, 40)
	case Small:
		return imaging.Resize(img, 600, 0, imaging.Linear)
	case Lighting:
		return unevenLight(img, r)
	case Background:
		return onBackground(img, r)
	case Photographed:
		return photograph(img, r)
	default:
		return img
	}
}

func addNoise(img image.Image, sigma float64, r *rand.Rand) image.Image {
	out := imaging.Clone(img)
	for i := 0; i < len(out.Pix); i += 4 {
		for ch := range 3 {
			v := float64(out.Pix[i+ch]) + r.NormFloat64()*sigma
			out.Pix[i+ch] = clamp8(v)
		}
	}
	return out
}

func jpegRoundTrip(img image.Image, quality int) image.Image {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return img // encoding an in-memory RGBA image does not fail
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		return img
	}
	return out
}

// unevenLight multiplies the image by a smooth field: darker towards one
// corner (down to 55%) with a soft bright spot elsewhere, like a desk lamp.
func unevenLight(img image.Image, r *rand.Rand) image.Image {
	out := imaging.Clone(img)
	w, h := out.Rect.Dx(), out.Rect.Dy()
	darkX, darkY := float64(r.IntN(2)*w), float64(r.IntN(2)*h)
	spotX, spotY := float64(w)-darkX*0.7, float64(h)-darkY*0.7
	diag := math.Hypot(float64(w), float64(h))
	floor := 0.55 + r.Float64()*0.1
	for y := range h {
		for x := range w {
			dd := math.Hypot(float64(x)-darkX, float64(y)-darkY) / diag // 0 at the dark corner
			gain := floor + (1-floor)*math.Min(1, dd*1.3)
			ds := math.Hypot(float64(x)-spotX, float64(y)-spotY) / diag
			gain += 0.18 * math.Exp(-ds*ds*18)
			i := y*out.Stride + x*4
			for ch := range 3 {
				out.Pix[i+ch] = clamp8(float64(out.Pix[i+ch]) * gain)
			}
		}
	}
	return out
}

// onBackground lays the card on a wood-or-fabric-like surface with margins of
// 10-20% on each side and a soft shadow, like a photo taken from above.
func onBackground(img image.Image, r *rand.Rand) image.Image {
	b := img.Bounds()
	mx := b.Dx() * (10 + r.IntN(11)) / 100
	my := b.Dy() * (10 + r.IntN(11)) / 100
	w, h := b.Dx()+2*mx, b.Dy()+2*my
	bg := image.NewNRGBA(image.Rect(0, 0, w, h))
	base := [3]float64{90 + r.Float64()*90, 70 + r.Float64()*70, 50 + r.Float64()*60}
	freq := 0.02 + r.Float64()*0.05
	phase := r.Float64() * 10
	for y := range h {
		for x := range w {
			grain := 18*math.Sin(float64(y)*freq+8*math.Sin(float64(x)*0.004+phase)) + r.NormFloat64()*6
			shade := 1 - 0.25*float64(x+y)/float64(w+h)
			i := y*bg.Stride + x*4
			for ch := range 3 {
				bg.Pix[i+ch] = clamp8((base[ch] + grain) * shade)
			}
			bg.Pix[i+3] = 255
		}
	}
	shadow := image.Rect(mx+8, my+10, mx+b.Dx()+8, my+b.Dy()+10)
	for y := shadow.Min.Y; y < shadow.Max.Y; y++ {
		for x := shadow.Min.X; x < shadow.Max.X; x++ {
			i := y*bg.Stride + x*4
			for ch := range 3 {
				bg.Pix[i+ch] = uint8(float64(bg.Pix[i+ch]) * 0.6)
			}
		}
	}
	return imaging.Paste(bg, img, image.Pt(mx, my))
}

func clamp8(v float64) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v + 0.5)
}
