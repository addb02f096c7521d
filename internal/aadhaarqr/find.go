package aadhaarqr

import (
	"context"
	"errors"
	"image"
	"math"

	"github.com/disintegration/imaging"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// ErrNoQR means no QR symbol was located at all (no finder patterns).
var ErrNoQR = errors.New("aadhaarqr: no QR code found")

// Symbol is a decoded QR symbol.
type Symbol struct {
	Text    string
	Version int // 1-40, from the sampled grid's size
	// ModuleSize is the module pitch in pixels of the image as given.
	ModuleSize float64
	// Pass names the preprocessing pass that decoded it (see Find).
	Pass string
}

var tryHarder = map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}

// Find locates and decodes a QR symbol anywhere in img, trying passes in order
// and stopping at the first that decodes:
//
//  1. global: one histogram threshold, rows sampled sparsely (2 ms on a clean
//     1060x668 card; also the better threshold on blur);
//  2. hybrid: the local-threshold binariser scanning every row (15-35 ms; good
//     on uneven light and shadows);
//
// then, only when an earlier pass located the symbol's finder patterns but
// could not decode it, on the symbol's region (or, for an image at most 800 px
// long, on the whole image):
//
//  3. upscale: 2x bicubic, for modules under about 2 px;
//  4. sharpen: an unsharp mask, for blur;
//  5. rotate: ±2 and ±4 degrees, for a skew the sampling grid did not absorb.
//
// It returns ErrNoQR when no pass located a symbol, and an *Error with
// FindingUnreadable when one was located but none decoded. A side without any
// QR costs only passes 1-2 (about 20 ms; measured by BenchmarkReadImageNoQR).
func Find(ctx context.Context, img image.Image) (Symbol, error) {
	orig := img.Bounds()
	g := toGray(img)
	scale := float64(orig.Dx()) / float64(g.Rect.Dx()) // pixels of img per pixel of g
	var seen []gozxing.ResultPoint
	try := func(name string, gi *image.Gray, global bool, factor float64) (Symbol, bool) {
		s, pts, ok := decodeGray(gi, global)
		if ok {
			s.Pass, s.ModuleSize = name, s.ModuleSize*scale/factor
			return s, true
		}
		if seen == nil && pts != nil {
			seen = pts
		}
		return Symbol{}, false
	}
	if s, ok := try("global", g, true, 1); ok {
		return s, nil
	}
	if err := ctx.Err(); err != nil {
		return Symbol{}, err
	}
	if s, ok := try("hybrid", g, false, 1); ok {
		return s, nil
	}
	small := g.Rect.Dx() <= 800 && g.Rect.Dy() <= 800
	if seen == nil && !small {
		return Symbol{}, ErrNoQR
	}
	region := g
	if seen != nil {
		region = cropAround(g, seen)
	}
	up := grayOf(imaging.Resize(region, region.Rect.Dx()*2, 0, imaging.CatmullRom))
	if err := ctx.Err(); err != nil {
		return Symbol{}, err
	}
	if s, ok := try("upscale", up, false, 2); ok {
		return s, nil
	}
	if seen == nil {
		return Symbol{}, ErrNoQR
	}
	sharp := grayOf(imaging.Sharpen(up, 1.5))
	if s, ok := try("sharpen", sharp, false, 2); ok {
		return s, nil
	}
	for _, deg := range []float64{2, -2, 4, -4} {
		if err := ctx.Err(); err != nil {
			return Symbol{}, err
		}
		rot := grayOf(imaging.Rotate(region, deg, image.White))
		if s, ok := try("rotate", rot, false, 1); ok {
			return s, nil
		}
	}
	return Symbol{}, errorf(FindingUnreadable, "a QR symbol is present but no pass decoded it")
}

// decodeGray runs one detection and decode; pts are the finder patterns when
// the detector located a symbol, whether or not it then decoded.
func decodeGray(g *image.Gray, global bool) (Symbol, []gozxing.ResultPoint, bool) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	src, err := gozxing.NewPlanarYUVLuminanceSource(g.Pix, g.Stride, h, 0, 0, w, h, false)
	if err != nil {
		return Symbol{}, nil, false
	}
	var bin gozxing.Binarizer = gozxing.NewHybridBinarizer(src)
	if global {
		bin = gozxing.NewGlobalHistgramBinarizer(src)
	}
	bmp, err := gozxing.NewBinaryBitmap(bin)
	if err != nil {
		return Symbol{}, nil, false
	}
	m, err := bmp.GetBlackMatrix()
	if err != nil {
		return Symbol{}, nil, false
	}
	hints := tryHarder
	if global {
		hints = nil // sparse rows: the cheap first look
	}
	det, err := detector.NewDetector(m).Detect(hints)
	if err != nil {
		return Symbol{}, nil, false
	}
	pts := det.GetPoints()
	res, err := decoder.NewDecoder().Decode(det.GetBits(), tryHarder)
	if err != nil {
		return Symbol{}, pts, false
	}
	dim := det.GetBits().GetWidth()
	s := Symbol{Text: res.GetText(), Version: (dim - 17) / 4}
	if len(pts) >= 2 && dim > 7 {
		s.ModuleSize = math.Hypot(pts[1].GetX()-pts[0].GetX(), pts[1].GetY()-pts[0].GetY()) / float64(dim-7)
	}
	return s, pts, true
}

// cropAround cuts the square around the finder patterns with a margin of
// half its size (the fourth corner and the quiet zone lie outside them).
func cropAround(g *image.Gray, pts []gozxing.ResultPoint) *image.Gray {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX, maxX = math.Min(minX, p.GetX()), math.Max(maxX, p.GetX())
		minY, maxY = math.Min(minY, p.GetY()), math.Max(maxY, p.GetY())
	}
	side := math.Max(maxX-minX, maxY-minY)
	m := side*0.35 + 10
	r := image.Rect(int(minX-m), int(minY-m), int(maxX+m), int(maxY+m)).Intersect(g.Rect)
	if r.Empty() {
		return g
	}
	out := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := range r.Dy() {
		copy(out.Pix[y*out.Stride:(y+1)*out.Stride], g.Pix[g.PixOffset(r.Min.X, r.Min.Y+y):])
	}
	return out
}
