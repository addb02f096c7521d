package onnx

import (
	"testing"

	"github.com/enxtai/kyc/internal/face/raster"
)

// lowContrast is a 112×112 chip whose grey levels only span 100..131, left to right.
func lowContrast() *raster.RGB {
	c := raster.NewRGB(ArcFaceSize, ArcFaceSize)
	for y := range c.H {
		for x := range c.W {
			v := byte(100 + x*32/c.W)
			i := 3 * (y*c.W + x)
			c.Pix[i], c.Pix[i+1], c.Pix[i+2] = v, v, v
		}
	}
	return c
}

func spread(c *raster.RGB) (lo, hi byte, grey bool) {
	lo, hi, grey = 255, 0, true
	for i := 0; i < len(c.Pix); i += 3 {
		lo, hi = min(lo, c.Pix[i]), max(hi, c.Pix[i])
		grey = grey && c.Pix[i] == c.Pix[i+1] && c.Pix[i] == c.Pix[i+2]
	}
	return lo, hi, grey
}

func TestEqualiseChipSpreadsContrast(t *testing.T) {
	in := lowContrast()
	lo, hi, grey := spread(EqualiseChip(in))
	if !grey || lo > 10 || hi != 255 {
		t.Fatalf("equalised 100..131 to %d..%d (grey %v), want about 0..255 in grey", lo, hi, grey)
	}
	if in.Pix[0] != 100 {
		t.Fatal("EqualiseChip must not change its input")
	}
}
