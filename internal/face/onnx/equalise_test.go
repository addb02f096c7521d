package onnx

import (
	"math"
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

func TestCLAHEChipIsLimitedAndKeepsOrder(t *testing.T) {
	out := CLAHEChip(lowContrast(), 4, 2)
	lo, hi, grey := spread(out)
	t.Logf("CLAHE: 100..131 -> %d..%d", lo, hi)
	if !grey || hi-lo < 31 {
		t.Fatalf("CLAHE gave %d..%d (grey %v), want grey and no less contrast than the input's 31 levels", lo, hi, grey)
	}
	// the clip keeps it from mapping a narrow range onto the full scale as global equalisation does
	if lo < 10 && hi > 245 {
		t.Fatalf("CLAHE stretched 100..131 to %d..%d: the clip limit did nothing", lo, hi)
	}
	// the bilinear blend of the tiles' monotone mappings keeps a left-to-right ramp almost monotone
	row := out.Pix[3*ArcFaceSize*50 : 3*ArcFaceSize*51]
	for x := 1; x < ArcFaceSize; x++ {
		if int(row[3*x])+2 < int(row[3*(x-1)]) {
			t.Fatalf("row 50 falls at x=%d: %d after %d", x, row[3*x], row[3*(x-1)])
		}
	}
	if u := CLAHEChip(raster.NewRGB(ArcFaceSize, ArcFaceSize), 4, 2); math.Abs(float64(u.Pix[0])-float64(u.Pix[len(u.Pix)-1])) > 0 {
		t.Fatal("a uniform chip must stay uniform")
	}
}
