package face

import (
	"bytes"
	"testing"

	"github.com/enxtai/kyc/internal/face/onnx"
	"github.com/enxtai/kyc/internal/face/raster"
)

// The default configuration embeds three views of the aligned chip (grey, histogram-equalised, gamma) and
// Config.Views replaces them all.
func TestArcFaceViews(t *testing.T) {
	chip := raster.NewRGB(onnx.ArcFaceSize, onnx.ArcFaceSize)
	for i := range chip.Pix {
		chip.Pix[i] = byte(60 + i%3*20 + i/(3*onnx.ArcFaceSize)/4) // a dim, tinted vertical ramp
	}
	cfg := DefaultConfig()
	m := &arcFaceMatcher{flip: cfg.FlipTTA, grey: cfg.Grey, eq: cfg.Equalise, gamma: cfg.Gamma, views: cfg.Views}
	got := m.viewsOf(chip)
	want := []*raster.RGB{onnx.GreyChip(chip), onnx.EqualiseChip(chip), onnx.GammaChip(chip)}
	if len(got) != len(want) {
		t.Fatalf("default config: %d views, want %d (grey, equalised, gamma)", len(got), len(want))
	}
	for i := range want {
		if !bytes.Equal(got[i].Pix, want[i].Pix) {
			t.Fatalf("default config: view %d differs from the expected transform", i)
		}
	}
	m.views = []ChipView{onnx.FlipChip}
	if got := m.viewsOf(chip); len(got) != 1 || !bytes.Equal(got[0].Pix, onnx.FlipChip(chip).Pix) {
		t.Fatalf("Config.Views: got %d views, want only the given one", len(got))
	}
}
