package aadhaarqr

import (
	"cmp"
	"context"
	"errors"
	"image"
	"math"
	"slices"

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
//  1. global: one histogram threshold, rows sampled sparsely (the cheapest;
//     decodes most clean and JPEG-compressed cards);
//  2. hybrid: the local-threshold binariser scanning every row (uneven light,
//     shadows, 2 px modules);
//  3. sharpen-global, sharpen-hybrid, sharpen2-hybrid: the same after one and
//     two 3x3 unsharp masks (out-of-focus photos);
//
// then, only when a pass located the symbol's finder patterns but could not
// decode it (or the image is at most 800 px long), on the symbol's region:
//
//  4. upscale, upscale-sharpen: 2x bicubic, for modules under about 2 px;
//  5. rotate: ±2 and ±4 degrees, for a skew the sampling grid did not absorb.
//
// Each pass also retries nearby grid sizes (see decodeGray). Find returns
// ErrNoQR when no pass located a symbol, and an *Error with FindingUnreadable
// when one was located but none decoded. A side without any QR costs passes
// 1-3 only; make eval-qr prints what each pass decodes and costs.
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
	sharp := sharpen(g)
	if s, ok := try("sharpen-global", sharp, true, 1); ok {
		return s, nil
	}
	if err := ctx.Err(); err != nil {
		return Symbol{}, err
	}
	if s, ok := try("sharpen-hybrid", sharp, false, 1); ok {
		return s, nil
	}
	if s, ok := try("sharpen2-hybrid", sharpen(sharp), false, 1); ok {
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
	if s, ok := try("upscale-sharpen", sharpen(up), false, 2); ok {
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
// they were located, whether or not the symbol then decoded.
//
// gozxing estimates the grid size from the finder patterns' distance and
// module size; at 2-2.5 px modules on a version 25+ symbol that estimate is
// often a few modules off (or refused as impossible), and the whole decode
// fails. So when the standard detector fails, the grid is sampled again at the
// nearest valid sizes (±1-3 versions), without the alignment pattern (an
// affine grid: right for scans and flat, rotated photos).
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
	info, err := detector.NewFinderPatternFinder(m, nil).Find(hints)
	if err != nil {
		return Symbol{}, nil, false
	}
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	pts := []gozxing.ResultPoint{bl, tl, tr}
	dec := decoder.NewDecoder()
	if det, err := detector.NewDetector(m).ProcessFinderPatternInfo(info); err == nil {
		if res, err := dec.Decode(det.GetBits(), tryHarder); err == nil {
			return symbolOf(res.GetText(), det.GetBits().GetWidth(), tl, tr), pts, true
		}
	}
	for _, dim := range nearDimensions(tl, tr, bl) {
		bits, err := detector.Detector_sampleGrid(m, detector.Detector_createTransform(tl, tr, bl, nil, dim), dim)
		if err != nil {
			continue
		}
		if res, err := dec.Decode(bits, tryHarder); err == nil {
			return symbolOf(res.GetText(), dim, tl, tr), pts, true
		}
	}
	return Symbol{}, pts, false
}

func symbolOf(text string, dim int, tl, tr gozxing.ResultPoint) Symbol {
	return Symbol{
		Text: text, Version: (dim - 17) / 4,
		ModuleSize: math.Hypot(tr.GetX()-tl.GetX(), tr.GetY()-tl.GetY()) / float64(dim-7),
	}
}

// nearDimensions are the valid grid sizes (17+4v) within 3 versions of the
// finder patterns' estimate, nearest first.
func nearDimensions(tl, tr, bl *detector.FinderPattern) []int {
	mod := (tl.GetEstimatedModuleSize() + tr.GetEstimatedModuleSize() + bl.GetEstimatedModuleSize()) / 3
	if mod < 1 {
		return nil
	}
	d := (math.Hypot(tr.GetX()-tl.GetX(), tr.GetY()-tl.GetY()) + math.Hypot(bl.GetX()-tl.GetX(), bl.GetY()-tl.GetY())) / 2
	est := d/mod + 7
	var out []int
	for v := 1; v <= 40; v++ {
		if dim := 17 + 4*v; math.Abs(float64(dim)-est) <= 12 {
			out = append(out, dim)
		}
	}
	slices.SortFunc(out, func(a, b int) int {
		return cmp.Compare(math.Abs(float64(a)-est), math.Abs(float64(b)-est))
	})
	return out
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
