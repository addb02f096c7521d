package ocr

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/disintegration/imaging"
)

// Prep selects the preprocessing steps. The card reader picks them per pass;
// the accuracy harness (bench/eval-ocr) measured which ones help.
type Prep struct {
	// Rectify looks for a card lying on a darker surface (FindCard) and, when
	// one is found, cuts it out and undoes the perspective (Rectify) before
	// the other steps, and then flattens the background too.
	Rectify bool
	// Width scales the image to this width (keeping the aspect ratio) when it
	// differs by more than 10%; 0 keeps the size. Small photos are enlarged so
	// that text reaches the x-height Tesseract reads best, big ones shrunk
	// because time grows with pixels.
	Width int
	// Stretch maps the 1st..99th luminance percentiles to black..white.
	Stretch bool
	// Flatten divides by an estimate of the background, removing uneven
	// lighting and shadows before Tesseract's global threshold.
	Flatten bool
	// Deskew rotates back a skew of up to ±MaxSkew degrees found from text lines.
	Deskew bool
	// Binarize applies Otsu's threshold (Tesseract binarises anyway; only
	// useful after Flatten on noisy images).
	Binarize bool
	// Rotate180 turns the image upside down (for cards photographed upside down).
	Rotate180 bool
}

// MaxSkew is the largest rotation Deskew looks for, in degrees.
const MaxSkew = 5.0

// Prepared is a preprocessed image and what was done to it.
type Prepared struct {
	Image *image.Gray
	Scale float64 // output width / input width
	Skew  float64 // degrees rotated back by Deskew (0 if none)
	// Card is the outline the image was rectified from (Rectify found one).
	Card    Quad
	HasCard bool
}

// Prepare turns any image into the grayscale input of a pass.
func Prepare(img image.Image, p Prep) Prepared {
	g := Gray(img)
	out := Prepared{Scale: 1}
	if p.Rectify {
		if q, ok := FindCard(g); ok {
			g = Rectify(g, q, p.Width)
			out.Card, out.HasCard = q, true
			// A photo of a card is lit unevenly by nature (a shadow, glare, a
			// grey cast that layout analysis takes for a picture region).
			p.Flatten = true
		}
	}
	if p.Width > 0 && g.Rect.Dx() > 0 {
		ratio := float64(p.Width) / float64(g.Rect.Dx())
		if ratio > 1.1 || ratio < 0.9 {
			filter := imaging.Linear // shrinking: fast and enough
			if ratio > 1 {
				filter = imaging.CatmullRom // enlarging: keeps stroke edges sharp
			}
			g = Gray(imaging.Resize(g, p.Width, 0, filter))
			out.Scale = ratio
		}
	}
	if p.Rotate180 {
		g = Gray(imaging.Rotate180(g))
	}
	if p.Flatten {
		g = FlattenBackground(g)
	}
	if p.Stretch {
		g = StretchContrast(g)
	}
	if p.Deskew {
		if a := EstimateSkew(g); math.Abs(a) >= 0.4 {
			g = Gray(imaging.Rotate(g, -a, color.White))
			out.Skew = a
		}
	}
	if p.Binarize {
		g = Otsu(g)
	}
	out.Image = g
	return out
}

// Gray converts to 8-bit grayscale; JPEG's YCbCr gives its luma plane directly.
func Gray(img image.Image) *image.Gray {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.Gray:
		return m
	case *image.YCbCr:
		g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
		for y := 0; y < b.Dy(); y++ {
			off := m.YOffset(b.Min.X, b.Min.Y+y)
			copy(g.Pix[y*g.Stride:y*g.Stride+b.Dx()], m.Y[off:off+b.Dx()])
		}
		return g
	case *image.NRGBA:
		return grayFromRGBA(m.Pix, m.Stride, b)
	case *image.RGBA:
		return grayFromRGBA(m.Pix, m.Stride, b)
	}
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Rect, img, b.Min, draw.Src)
	return g
}

// grayFromRGBA uses the Rec. 601 luma weights (as image/color does); alpha is
// ignored, which suits opaque photos and scans.
func grayFromRGBA(pix []byte, stride int, b image.Rectangle) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		row := pix[y*stride:]
		for x := 0; x < b.Dx(); x++ {
			r, gg, bb := uint32(row[4*x]), uint32(row[4*x+1]), uint32(row[4*x+2])
			g.Pix[y*g.Stride+x] = uint8((19595*r + 38470*gg + 7471*bb + 1<<15) >> 16)
		}
	}
	return g
}

// StretchContrast maps the 1st..99th percentiles of luminance to 0..255.
func StretchContrast(g *image.Gray) *image.Gray {
	var hist [256]int
	for _, v := range g.Pix {
		hist[v]++
	}
	n := len(g.Pix)
	lo, hi := percentile(&hist, n/100), percentile(&hist, n-n/100)
	if hi-lo < 16 { // flat image: nothing to stretch
		return g
	}
	var lut [256]uint8
	for i := range 256 {
		v := (i - lo) * 255 / (hi - lo)
		lut[i] = uint8(min(max(v, 0), 255))
	}
	out := image.NewGray(g.Rect)
	for i, v := range g.Pix {
		out.Pix[i] = lut[v]
	}
	return out
}

func percentile(hist *[256]int, rank int) int {
	acc := 0
	for i, c := range hist {
		acc += c
		if acc > rank {
			return i
		}
	}
	return 255
}
