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

// flat is a 112×112 chip of one grey level.
func flat(v byte) *raster.RGB {
	c := raster.NewRGB(ArcFaceSize, ArcFaceSize)
	for i := range c.Pix {
		c.Pix[i] = v
	}
	return c
}

func meanGrey(c *raster.RGB) float64 {
	var s float64
	for i := 0; i < len(c.Pix); i += 3 {
		s += float64(c.Pix[i])
	}
	return s / float64(len(c.Pix)/3)
}

func TestGammaChipBringsTheMeanToMidGrey(t *testing.T) {
	// a dim ramp (40..103) is lightened, a light one (150..213) darkened, each towards mid-grey
	for _, base := range []int{40, 150} {
		in := raster.NewRGB(ArcFaceSize, ArcFaceSize)
		for y := range in.H {
			for x := range in.W {
				v := byte(base + x*64/in.W)
				i := 3 * (y*in.W + x)
				in.Pix[i], in.Pix[i+1], in.Pix[i+2] = v, v, v
			}
		}
		before := meanGrey(in)
		out := GammaChip(in)
		after := meanGrey(out)
		if _, _, grey := spread(out); !grey {
			t.Fatalf("ramp from %d: gamma view is not grey", base)
		}
		if math.Abs(after-128) > 12 {
			t.Fatalf("ramp from %d: mean %.1f -> %.1f, want about 128", base, before, after)
		}
		// one power curve: the left-to-right order of the grey levels is kept
		row := out.Pix[3*ArcFaceSize*50 : 3*ArcFaceSize*51]
		for x := 1; x < ArcFaceSize; x++ {
			if row[3*x] < row[3*(x-1)] {
				t.Fatalf("ramp from %d: row 50 falls at x=%d: %d after %d", base, x, row[3*x], row[3*(x-1)])
			}
		}
		if in.Pix[0] != byte(base) {
			t.Fatal("GammaChip must not change its input")
		}
	}
	// black and white stay; the exponent is bounded, so an almost black chip is not blown up to mid-grey
	for _, v := range []byte{0, 255} {
		if got := GammaChip(flat(v)).Pix[0]; got != v {
			t.Fatalf("flat %d became %d", v, got)
		}
	}
	if got := GammaChip(flat(5)).Pix[0]; got > 60 {
		t.Fatalf("flat 5 became %d: the exponent's floor 0.4 allows at most 53 (unbounded it would be 126)", got)
	}
	if got := GammaChip(flat(128)).Pix[0]; got < 126 || got > 130 {
		t.Fatalf("mid-grey 128 became %d, want it kept", got)
	}
}
