package main

import (
	"math"
	"sort"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/face/onnx"
	"github.com/enxtai/kyc/internal/face/raster"
)

// The fourth pass's chip views (-fourth): transforms of the aligned 112×112 chip aimed at the gap between a
// printed card face and a phone selfie, each applied to both sides (face.Config.Views).

// fourthPass are the variants of bench/face.md's fourth pass: the third pass's default (grey + histogram-
// equalised) beside resolution-matched, gamma and contrast-stretched views, in place of a view or added to
// its two; "grey + equalised + gamma" became the default.
var fourthPass = []variant{
	viewsVariant("grey + histogram-equalised (third pass default)", chipGrey, chipEq),
	viewsVariant("grey", chipGrey),
	viewsVariant("grey at 64 px", downUp(64, chipGrey)),
	viewsVariant("grey at 56 px + equalised", downUp(56, chipGrey), chipEq),
	viewsVariant("grey at 64 px + equalised", downUp(64, chipGrey), chipEq),
	viewsVariant("grey at 80 px + equalised", downUp(80, chipGrey), chipEq),
	viewsVariant("grey at 64 px + equalised at 64 px", downUp(64, chipGrey), downUp(64, chipEq)),
	viewsVariant("grey + equalised + grey at 64 px", chipGrey, chipEq, downUp(64, chipGrey)),
	viewsVariant("grey + gamma (mean to mid-grey)", chipGrey, onnx.GammaChip),
	viewsVariant("grey + stretched (1st-99th percentile)", chipGrey, chipStretch),
	viewsVariant("grey + equalised + gamma (default)", chipGrey, chipEq, onnx.GammaChip),
	viewsVariant("grey + equalised + stretched", chipGrey, chipEq, chipStretch),
	viewsVariant("equalised", chipEq),
	viewsVariant("grey + equalised on the face's centre", chipGrey, chipEqCentre),
	viewsVariant("grey + equalised + gamma + stretched", chipGrey, chipEq, onnx.GammaChip, chipStretch),
}

func viewsVariant(name string, views ...face.ChipView) variant {
	return variant{name: name, detector: face.DetectorCascade, alignment: face.AlignFivePoint, grey: true, views: views}
}

var (
	chipGrey face.ChipView = onnx.GreyChip
	chipEq   face.ChipView = onnx.EqualiseChip
)

// downUp is view shrunk to side×side (area average) and enlarged back (bilinear): a selfie chip at about the
// detail of a printed card photo, and a card chip at about its own.
func downUp(side int, view face.ChipView) face.ChipView {
	return func(chip *raster.RGB) *raster.RGB {
		c := view(chip)
		return raster.Resize(raster.Resize(c, side, side), c.W, c.H)
	}
}

// chipStretch is the grey chip stretched linearly so that its 1st percentile becomes 0 and its 99th 255.
func chipStretch(chip *raster.RGB) *raster.RGB {
	g := onnx.GreyChip(chip)
	v := make([]int, 0, len(g.Pix)/3)
	for i := 0; i < len(g.Pix); i += 3 {
		v = append(v, int(g.Pix[i]))
	}
	sort.Ints(v)
	lo, hi := v[len(v)/100], v[len(v)-1-len(v)/100]
	var lut [256]byte
	for x := range lut {
		if hi <= lo {
			lut[x] = byte(x)
			continue
		}
		lut[x] = byte(math.Round(255 * math.Max(0, math.Min(1, float64(x-lo)/float64(hi-lo)))))
	}
	return mapGrey(g, lut)
}

// chipEqCentre is histogram equalisation with the histogram of the chip's centre only (x 20..91, y 28..107
// of 112: eyes, nose, mouth and cheeks on the ArcFace template), applied to the whole chip, so that the
// background (a card's plain print, a selfie's room) does not set the mapping.
func chipEqCentre(chip *raster.RGB) *raster.RGB {
	g := onnx.GreyChip(chip)
	var h [256]int
	n := 0
	for y := 28 * g.H / 112; y < 108*g.H/112; y++ {
		for x := 20 * g.W / 112; x < 92*g.W/112; x++ {
			h[g.Pix[3*(y*g.W+x)]]++
			n++
		}
	}
	var lut [256]byte
	acc := 0
	for v := range h {
		acc += h[v]
		lut[v] = byte(math.Round(255 * float64(acc) / float64(n)))
	}
	return mapGrey(g, lut)
}

func mapGrey(g *raster.RGB, lut [256]byte) *raster.RGB {
	out := raster.NewRGB(g.W, g.H)
	for i, p := range g.Pix {
		out.Pix[i] = lut[p]
	}
	return out
}
