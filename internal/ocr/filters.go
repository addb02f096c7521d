package ocr

import (
	"image"
	"math"

	"github.com/disintegration/imaging"
)

// FlattenBackground estimates the paper's brightness at every point (a max
// filter that erases text, then a blur, computed at 1/8 scale) and divides
// the image by it, so shadows and lamp gradients become white paper.
func FlattenBackground(g *image.Gray) *image.Gray {
	const scale = 8
	w, h := g.Rect.Dx(), g.Rect.Dy()
	sw, sh := max(w/scale, 1), max(h/scale, 1)
	small := image.NewGray(image.Rect(0, 0, sw, sh))
	for y := range sh {
		for x := range sw {
			m := uint8(0) // brightest pixel of the block: paper, not ink
			for yy := y * scale; yy < min((y+1)*scale, h); yy++ {
				row := g.Pix[yy*g.Stride:]
				for xx := x * scale; xx < min((x+1)*scale, w); xx++ {
					m = max(m, row[xx])
				}
			}
			small.Pix[y*small.Stride+x] = m
		}
	}
	small = maxFilter(small, 2) // spans strokes wider than a block
	bg := Gray(imaging.Resize(imaging.Blur(small, 2), w, h, imaging.Linear))
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := float64(g.Pix[y*g.Stride+x])
			b := math.Max(float64(bg.Pix[y*bg.Stride+x]), 24)
			out.Pix[y*out.Stride+x] = uint8(math.Min(255, v*255/b))
		}
	}
	return out
}

// maxFilter is a square grey dilation of radius r.
func maxFilter(g *image.Gray, r int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(g.Rect)
	for y := range h {
		for x := range w {
			m := uint8(0)
			for yy := max(y-r, 0); yy <= min(y+r, h-1); yy++ {
				for xx := max(x-r, 0); xx <= min(x+r, w-1); xx++ {
					m = max(m, g.Pix[yy*g.Stride+xx])
				}
			}
			out.Pix[y*out.Stride+x] = m
		}
	}
	return out
}

// Otsu binarises with the threshold that best separates the two classes of
// the histogram.
func Otsu(g *image.Gray) *image.Gray {
	g = compact(g)
	thr, _, _ := otsuLevel(g)
	return threshold(g, thr)
}

// otsuLevel is Otsu's threshold of g and the mean levels of the two classes.
func otsuLevel(g *image.Gray) (thr int, meanDark, meanLight float64) {
	var hist [256]float64
	for _, v := range g.Pix {
		hist[v]++
	}
	total := float64(len(g.Pix))
	sumAll := 0.0
	for i, c := range hist {
		sumAll += float64(i) * c
	}
	best := -1.0
	thr = 128
	wB, sumB := 0.0, 0.0
	for t := range 256 {
		wB += hist[t]
		if wB == 0 || wB == total {
			continue
		}
		sumB += float64(t) * hist[t]
		wF := total - wB
		mB, mF := sumB/wB, (sumAll-sumB)/wF
		if between := wB * wF * (mB - mF) * (mB - mF); between > best {
			best, thr, meanDark, meanLight = between, t, mB, mF
		}
	}
	return thr, meanDark, meanLight
}

// threshold: 255 above thr, 0 at or below.
func threshold(g *image.Gray, thr int) *image.Gray {
	out := image.NewGray(g.Rect)
	for i, v := range g.Pix {
		if int(v) > thr {
			out.Pix[i] = 255
		}
	}
	return out
}

// EstimateSkew finds the text angle in degrees (positive: text rises to the
// right, counter-clockwise as imaging.Rotate counts) within ±MaxSkew by
// maximising the sum of squares of the row counts of dark pixels projected
// along each candidate angle (text lines give sharp peaks when aligned),
// sampling every other pixel.
func EstimateSkew(g *image.Gray) float64 {
	type pt struct{ x, y float64 }
	var dark []pt
	step := 2
	thr := darkThreshold(g)
	for y := 0; y < g.Rect.Dy(); y += step {
		for x := 0; x < g.Rect.Dx(); x += step {
			if g.Pix[y*g.Stride+x] < thr {
				dark = append(dark, pt{float64(x), float64(y)})
			}
		}
	}
	if len(dark) < 200 {
		return 0
	}
	h := g.Rect.Dy()
	w := g.Rect.Dx()
	bins := make([]float64, h+w+1)
	score := func(deg float64) float64 {
		clear(bins)
		t := math.Tan(deg * math.Pi / 180)
		off := float64(w) * math.Abs(t)
		for _, p := range dark {
			// Row of the point after rotating the text back by deg, in
			// sampling steps: finer bins would favour 0 degrees, where the
			// sampled points fall on every other row only.
			r := int((p.y + p.x*t + off) / float64(step))
			if r >= 0 && r < len(bins) {
				bins[r]++
			}
		}
		s := 0.0
		for _, c := range bins {
			s += c * c
		}
		return s
	}
	best, bestScore := 0.0, score(0)
	for deg := -MaxSkew; deg <= MaxSkew+1e-9; deg += 0.5 {
		if s := score(deg); s > bestScore*1.0001 {
			best, bestScore = deg, s
		}
	}
	for deg := best - 0.4; deg <= best+0.4+1e-9; deg += 0.2 {
		if s := score(deg); s > bestScore*1.0001 {
			best, bestScore = deg, s
		}
	}
	return best
}

// darkThreshold is the Otsu-like split point used to pick ink pixels.
func darkThreshold(g *image.Gray) uint8 {
	var hist [256]int
	for _, v := range g.Pix {
		hist[v]++
	}
	lo, hi := percentile(&hist, len(g.Pix)/50), percentile(&hist, len(g.Pix)/2)
	return uint8((lo + hi) / 2)
}

// compact returns g with its pixels in one run (a sub-image shares its
// parent's rows, stride and all), copying only when it must.
func compact(g *image.Gray) *image.Gray {
	b := g.Rect
	if g.Stride == b.Dx() && len(g.Pix) == b.Dx()*b.Dy() {
		return g
	}
	out := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		copy(out.Pix[out.PixOffset(b.Min.X, y):], g.Pix[g.PixOffset(b.Min.X, y):g.PixOffset(b.Max.X, y)])
	}
	return out
}
