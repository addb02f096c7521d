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

// GammaChip returns a grey copy of chip under the power law that brings its mean luma to mid-grey:
// out = 255·(v/255)^e with e = ln ½ / ln m, m the mean luma on (0, 1), e kept within 0.4..2.5. A light,
// faded print is darkened and a dim selfie lightened, each by one curve that keeps the order of the grey
// levels (unlike equalisation, which flattens the histogram). As a third view beside the grey and
// equalised chips it lowered the held-out FNMR (bench/face.md, issue 17 fourth pass).
func GammaChip(chip *raster.RGB) *raster.RGB {
	g := luma(chip)
	var sum float64
	for _, v := range g {
		sum += float64(v)
	}
	m := (sum/float64(len(g)) + 0.5) / 256
	e := math.Max(0.4, math.Min(2.5, math.Log(0.5)/math.Log(m)))
	var lut [256]byte
	for v := range lut {
		lut[v] = byte(math.Round(255 * math.Pow(float64(v)/255, e)))
	}
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
