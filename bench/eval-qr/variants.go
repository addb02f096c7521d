package main

import (
	"bytes"
	"image"
	"image/jpeg"
	"math/rand/v2"

	"github.com/disintegration/imaging"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// variant is one way an uploaded Aadhaar back differs from the rendering.
type variant struct {
	name, what string
	make       func(s cardkit.Sample, back image.Image, r *rand.Rand) image.Image
}

var allVariants = []variant{
	{"clean", "as rendered (3 px modules)", func(_ cardkit.Sample, b image.Image, _ *rand.Rand) image.Image { return b }},
	{"photographed", "on a textured background, uneven light, noise sigma 10-16, blur sigma 0.6, rotated 1-4 deg", photographed},
	{"jpeg40", "JPEG quality 40", func(_ cardkit.Sample, b image.Image, r *rand.Rand) image.Image {
		return cardkit.Degrade(b, cardkit.JPEG40, r)
	}},
	{"scale70", "scaled to 70% (2.1 px modules)", func(_ cardkit.Sample, b image.Image, _ *rand.Rand) image.Image {
		return imaging.Resize(b, b.Bounds().Dx()*7/10, 0, imaging.Linear)
	}},
	{"rotate", "rotated 1-4 deg either way", func(_ cardkit.Sample, b image.Image, r *rand.Rand) image.Image {
		return cardkit.Degrade(b, cardkit.Rotate, r)
	}},
	{"blur", "Gaussian blur sigma 1.0-1.6 (out of focus)", func(_ cardkit.Sample, b image.Image, r *rand.Rand) image.Image {
		return cardkit.Degrade(b, cardkit.Blur, r)
	}},
	{"front2px", "QR on the front at 2 px modules", func(s cardkit.Sample, _ image.Image, _ *rand.Rand) image.Image {
		img, err := cardkit.RenderAadhaarFrontQR(s.Person, nil, cardkit.QROptions{})
		if err != nil {
			panic(err)
		}
		return img
	}},
	{"small600", "scaled to 600 px wide (1.7 px modules: below the 2 px target)", func(_ cardkit.Sample, b image.Image, r *rand.Rand) image.Image {
		return cardkit.Degrade(b, cardkit.Small, r)
	}},
}

func photographed(_ cardkit.Sample, b image.Image, r *rand.Rand) image.Image {
	img := cardkit.Degrade(b, cardkit.Lighting, r)
	img = cardkit.Degrade(img, cardkit.Noise, r)
	img = imaging.Blur(img, 0.6)
	img = cardkit.Degrade(img, cardkit.Rotate, r)
	return cardkit.Degrade(img, cardkit.Background, r)
}

func variantNames() []string {
	var out []string
	for _, v := range allVariants {
		out = append(out, v.name)
	}
	return out
}

func variantByName(name string) (variant, bool) {
	for _, v := range allVariants {
		if v.name == name {
			return v, true
		}
	}
	return variant{}, false
}

// upload re-encodes an image as the JPEG (quality 90) a client would send.
func upload(img image.Image) image.Image {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		panic(err)
	}
	return out
}
