package aadhaarqr

import (
	"image"
	"image/draw"

	"github.com/disintegration/imaging"
)

// maxWorkSide bounds the long side of the image the finder works on: a phone
// photo (4000 px) is scaled down first. A card photographed whole at 2000 px
// still gives a version 25-30 QR (about 40% of the card's width) 5+ px modules.
const maxWorkSide = 2000

// toGray converts to 8-bit luminance, reading the Y plane of JPEGs directly.
func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	if b.Dx() > maxWorkSide || b.Dy() > maxWorkSide {
		if b.Dx() >= b.Dy() {
			img = imaging.Resize(img, maxWorkSide, 0, imaging.Box)
		} else {
			img = imaging.Resize(img, 0, maxWorkSide, imaging.Box)
		}
		b = img.Bounds()
	}
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	switch src := img.(type) {
	case *image.Gray:
		for y := range b.Dy() {
			copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.YCbCr:
		for y := range b.Dy() {
			copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], src.Y[src.YOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.RGBA:
		rgbToGray(out, src.Pix, src.Stride, src.PixOffset(b.Min.X, b.Min.Y))
	case *image.NRGBA: // alpha ignored: cards are opaque
		rgbToGray(out, src.Pix, src.Stride, src.PixOffset(b.Min.X, b.Min.Y))
	default:
		draw.Draw(out, out.Rect, img, b.Min, draw.Src)
	}
	return out
}

func rgbToGray(out *image.Gray, pix []byte, stride, off int) {
	w, h := out.Rect.Dx(), out.Rect.Dy()
	for y := range h {
		row := pix[off+y*stride:]
		dst := out.Pix[y*out.Stride:]
		for x := range w {
			r, g, b := uint32(row[4*x]), uint32(row[4*x+1]), uint32(row[4*x+2])
			dst[x] = uint8((299*r + 587*g + 114*b + 500) / 1000)
		}
	}
}

// grayOf converts an imaging result (NRGBA) back to gray.
func grayOf(img *image.NRGBA) *image.Gray {
	out := image.NewGray(image.Rect(0, 0, img.Rect.Dx(), img.Rect.Dy()))
	rgbToGray(out, img.Pix, img.Stride, 0)
	return out
}

// sharpen is an unsharp mask on gray: 2*g - box3x3(g), clamped. A 3x3 box
// (about sigma 0.8) restores the module edges of out-of-focus and downscaled
// QRs; on 0.7 Mpx it costs a few ms where imaging.Sharpen's RGBA Gaussian
// costs tens.
func sharpen(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	rows := make([]int32, w*h) // horizontal 3-sums
	for y := range h {
		src := g.Pix[y*g.Stride : y*g.Stride+w]
		for x := range w {
			s := int32(src[x]) * 3
			if x > 0 && x < w-1 {
				s = int32(src[x-1]) + int32(src[x]) + int32(src[x+1])
			}
			rows[y*w+x] = s
		}
	}
	for y := range h {
		for x := range w {
			s := rows[y*w+x] * 3
			if y > 0 && y < h-1 {
				s = rows[(y-1)*w+x] + rows[y*w+x] + rows[(y+1)*w+x]
			}
			v := 2*int32(g.Pix[y*g.Stride+x]) - s/9
			out.Pix[y*out.Stride+x] = uint8(min(255, max(0, v)))
		}
	}
	return out
}
