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
