package raster

import "math"

// Resize returns src scaled to w×h. Shrinking averages every source pixel a target pixel covers (no
// aliasing: moiré and fine print survive or vanish as they would in a camera, which matters to the liveness
// models); enlarging interpolates bilinearly. Each axis is handled separately, streaming over rows so that
// shrinking a 12-megapixel photo needs no large intermediate buffer.
func Resize(src *RGB, w, h int) *RGB {
	if src.Empty() || w <= 0 || h <= 0 {
		return NewRGB(0, 0)
	}
	if w == src.W && h == src.H {
		return FromImage(src)
	}
	xs := axisWeights(src.W, w)
	ys := axisWeights(src.H, h)
	// Vertical pass over horizontally resized source rows, each computed once and kept only while an output
	// row still needs it: a few rows of floats instead of a whole intermediate image.
	rows := map[int][]float32{}
	var spare [][]float32
	dst := NewRGB(w, h)
	acc := make([]float32, 3*w)
	for y, t := range ys {
		for r, buf := range rows {
			if r < t.first {
				spare = append(spare, buf)
				delete(rows, r)
			}
		}
		for k := range t.w {
			r := t.first + k
			if _, ok := rows[r]; ok {
				continue
			}
			var buf []float32
			if n := len(spare); n > 0 {
				buf, spare = spare[n-1], spare[:n-1]
			} else {
				buf = make([]float32, 3*w)
			}
			resizeRow(buf, src.Pix[3*r*src.W:3*(r+1)*src.W], xs)
			rows[r] = buf
		}
		out := dst.Pix[3*y*w : 3*(y+1)*w]
		clear(acc)
		for k, wt := range t.w {
			for i, v := range rows[t.first+k] {
				acc[i] += wt * v
			}
		}
		for i, v := range acc {
			out[i] = clampByte(v)
		}
	}
	return dst
}

// resizeRow applies the horizontal taps to one packed RGB row.
func resizeRow(out []float32, row []byte, xs []taps) {
	for x, t := range xs {
		var r, g, b float32
		for k, wt := range t.w {
			i := 3 * (t.first + k)
			r += wt * float32(row[i])
			g += wt * float32(row[i+1])
			b += wt * float32(row[i+2])
		}
		out[3*x], out[3*x+1], out[3*x+2] = r, g, b
	}
}

// ScaleBy returns src scaled by factor (rounded to whole pixels, at least 1×1) and the factor actually
// applied along x (the one used to map coordinates back).
func ScaleBy(src *RGB, factor float64) (*RGB, float64) {
	if factor == 1 {
		return src, 1
	}
	w := max(1, int(math.Round(float64(src.W)*factor)))
	h := max(1, int(math.Round(float64(src.H)*factor)))
	return Resize(src, w, h), float64(w) / float64(src.W)
}

// taps are the contributions of consecutive source pixels, starting at first, to one target pixel.
type taps struct {
	first int
	w     []float32
}

func axisWeights(n, m int) []taps {
	out := make([]taps, m)
	scale := float64(n) / float64(m)
	for i := range out {
		if scale > 1 { // box filter over the covered source interval [lo, hi)
			lo, hi := float64(i)*scale, float64(i+1)*scale
			first := int(lo)
			last := min(n-1, int(math.Ceil(hi))-1)
			t := taps{first: first, w: make([]float32, last-first+1)}
			for k := range t.w {
				p := float64(first + k)
				cover := math.Min(hi, p+1) - math.Max(lo, p)
				t.w[k] = float32(cover / scale)
			}
			out[i] = t
			continue
		}
		// bilinear between the two nearest source centres
		c := (float64(i)+0.5)*scale - 0.5
		c = math.Max(0, math.Min(float64(n-1), c))
		first := int(c)
		frac := float32(c - float64(first))
		if first+1 >= n || frac == 0 {
			out[i] = taps{first: first, w: []float32{1}}
			continue
		}
		out[i] = taps{first: first, w: []float32{1 - frac, frac}}
	}
	return out
}

func clampByte(v float32) byte {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	default:
		return byte(v + 0.5)
	}
}
