package raster

import (
	"image"
	"image/color"
	"image/draw"
)

// RGB is a packed 8-bit RGB image: pixel (x, y) is Pix[3*(y*W+x) : 3*(y*W+x)+3]. Both engines consume this
// layout directly, so converting once per request saves a copy per model.
type RGB struct {
	Pix  []byte
	W, H int
}

// NewRGB returns a black w×h image.
func NewRGB(w, h int) *RGB {
	if w < 0 || h < 0 {
		w, h = 0, 0
	}
	return &RGB{Pix: make([]byte, 3*w*h), W: w, H: h}
}

// Empty reports whether the image has no pixels.
func (m *RGB) Empty() bool { return m == nil || m.W <= 0 || m.H <= 0 }

// ColorModel, Bounds and At make RGB an image.Image (for encoding, drawing and tests).
func (m *RGB) ColorModel() color.Model { return color.RGBAModel }

// Bounds is the rectangle (0,0)-(W,H).
func (m *RGB) Bounds() image.Rectangle { return image.Rect(0, 0, m.W, m.H) }

// At returns the pixel at (x, y), or transparent black outside the image.
func (m *RGB) At(x, y int) color.Color {
	if x < 0 || y < 0 || x >= m.W || y >= m.H {
		return color.RGBA{}
	}
	i := 3 * (y*m.W + x)
	return color.RGBA{R: m.Pix[i], G: m.Pix[i+1], B: m.Pix[i+2], A: 255}
}

// FromImage converts any image.Image to packed RGB, flattening alpha onto black the way image/draw does.
// The common decoder outputs (YCbCr from JPEG, RGBA/NRGBA from PNG) take a fast path.
func FromImage(src image.Image) *RGB {
	b := src.Bounds()
	dst := NewRGB(b.Dx(), b.Dy())
	switch s := src.(type) {
	case *RGB:
		copy(dst.Pix, s.Pix)
	case *image.YCbCr:
		fromYCbCr(dst, s)
	case *image.RGBA:
		for y := 0; y < dst.H; y++ {
			row := s.Pix[s.PixOffset(b.Min.X, b.Min.Y+y):]
			copyRGBA(dst.Pix[3*y*dst.W:3*(y+1)*dst.W], row)
		}
	default:
		rgba := image.NewRGBA(image.Rect(0, 0, dst.W, dst.H))
		draw.Draw(rgba, rgba.Bounds(), src, b.Min, draw.Src)
		for y := 0; y < dst.H; y++ {
			copyRGBA(dst.Pix[3*y*dst.W:3*(y+1)*dst.W], rgba.Pix[y*rgba.Stride:])
		}
	}
	return dst
}

// copyRGBA drops the alpha byte of premultiplied RGBA pixels (premultiplied = already flattened on black).
func copyRGBA(dst, src []byte) {
	for i, j := 0, 0; i < len(dst); i, j = i+3, j+4 {
		dst[i], dst[i+1], dst[i+2] = src[j], src[j+1], src[j+2]
	}
}

func fromYCbCr(dst *RGB, s *image.YCbCr) {
	b := s.Rect
	for y := 0; y < dst.H; y++ {
		for x := 0; x < dst.W; x++ {
			yi := s.YOffset(b.Min.X+x, b.Min.Y+y)
			ci := s.COffset(b.Min.X+x, b.Min.Y+y)
			r, g, bl := color.YCbCrToRGB(s.Y[yi], s.Cb[ci], s.Cr[ci])
			i := 3 * (y*dst.W + x)
			dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2] = r, g, bl
		}
	}
}
