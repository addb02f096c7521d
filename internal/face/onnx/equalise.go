package onnx

import (
	"math"

	"github.com/enxtai/kyc/internal/face/raster"
)

// EqualiseChip returns a grey copy of chip whose luma histogram is spread over 0..255 (global histogram
// equalisation). As a second view averaged with the plain grey chip it evens out the contrast of a faded
// print and a lit selfie (bench/face.md, issue 17 third pass).
func EqualiseChip(chip *raster.RGB) *raster.RGB {
	g := luma(chip)
	var h [256]int
	for _, v := range g {
		h[v]++
	}
	lut := cdfMap(h[:], len(g))
	for i, v := range g {
		g[i] = lut[v]
	}
	return fromLuma(chip.W, chip.H, g)
}

// CLAHEChip is contrast-limited adaptive histogram equalisation of chip's luma: grid×grid tiles, each
// tile's histogram clipped at clip times the mean bin count (the excess spread evenly), each pixel mapped by
// the bilinear blend of its four nearest tiles' mappings (as OpenCV's createCLAHE).
func CLAHEChip(chip *raster.RGB, grid int, clip float64) *raster.RGB {
	g := luma(chip)
	w, h := chip.W, chip.H
	tw, th := w/grid, h/grid
	luts := make([][256]byte, grid*grid)
	for ty := range grid {
		for tx := range grid {
			var hist [256]int
			for y := ty * th; y < (ty+1)*th; y++ {
				for x := tx * tw; x < (tx+1)*tw; x++ {
					hist[g[y*w+x]]++
				}
			}
			n := tw * th
			limit := int(math.Max(1, clip*float64(n)/256))
			excess := 0
			for i, c := range hist {
				if c > limit {
					excess += c - limit
					hist[i] = limit
				}
			}
			for i := range hist {
				hist[i] += excess / 256
				if i < excess%256 {
					hist[i]++
				}
			}
			luts[ty*grid+tx] = cdfMap(hist[:], n)
		}
	}
	out := make([]byte, len(g))
	at := func(f float64, tile int) (int, int, float64) {
		p := (f+0.5)/float64(tile) - 0.5
		i0 := int(math.Floor(p))
		a := p - float64(i0)
		i1 := i0 + 1
		i0, i1 = min(max(i0, 0), grid-1), min(max(i1, 0), grid-1)
		return i0, i1, a
	}
	for y := range h {
		y0, y1, ay := at(float64(y), th)
		for x := range w {
			x0, x1, ax := at(float64(x), tw)
			v := g[y*w+x]
			top := (1-ax)*float64(luts[y0*grid+x0][v]) + ax*float64(luts[y0*grid+x1][v])
			bot := (1-ax)*float64(luts[y1*grid+x0][v]) + ax*float64(luts[y1*grid+x1][v])
			out[y*w+x] = byte(math.Round((1-ay)*top + ay*bot))
		}
	}
	return fromLuma(w, h, out)
}

// cdfMap maps grey level v to 255 times the share of the n pixels at or below v.
func cdfMap(hist []int, n int) (lut [256]byte) {
	acc := 0
	for v := range hist {
		acc += hist[v]
		lut[v] = byte(math.Round(255 * float64(acc) / float64(n)))
	}
	return lut
}

func luma(chip *raster.RGB) []byte {
	g := make([]byte, chip.W*chip.H)
	for i := range g {
		y := 0.299*float64(chip.Pix[3*i]) + 0.587*float64(chip.Pix[3*i+1]) + 0.114*float64(chip.Pix[3*i+2])
		g[i] = byte(math.Min(255, math.Round(y)))
	}
	return g
}

func fromLuma(w, h int, g []byte) *raster.RGB {
	out := raster.NewRGB(w, h)
	for i, v := range g {
		out.Pix[3*i], out.Pix[3*i+1], out.Pix[3*i+2] = v, v, v
	}
	return out
}
