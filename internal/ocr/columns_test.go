package ocr

import (
	"image"
	"image/color"
	"slices"
	"testing"
)

func TestInkRuns(t *testing.T) {
	// A 40x20 white strip with dark bars; a lone speckle must not count.
	strip := func(bars ...Span) *image.Gray {
		g := image.NewGray(image.Rect(5, 5, 45, 25)) // offset bounds: runs are relative
		for i := range g.Pix {
			g.Pix[i] = 255
		}
		for _, s := range bars {
			for x := s.From; x < s.To; x++ {
				for y := 8; y < 22; y++ {
					g.SetGray(x+5, y, color.Gray{Y: 20})
				}
			}
		}
		return g
	}
	tests := []struct {
		name string
		img  *image.Gray
		want []Span
	}{
		{"blank", strip(), nil},
		{"apart", strip(Span{2, 6}, Span{10, 15}, Span{30, 40}), []Span{{2, 6}, {10, 15}, {30, 40}}},
		{"touching glyphs are one run", strip(Span{2, 6}, Span{6, 12}), []Span{{2, 12}}},
		{"speckle ignored", func() *image.Gray {
			g := strip(Span{2, 6}, Span{20, 24})
			g.SetGray(5+12, 10, color.Gray{Y: 0})
			return g
		}(), []Span{{2, 6}, {20, 24}}},
		{"sub-image of a wider line", func() *image.Gray {
			return strip(Span{2, 6}, Span{20, 24}, Span{32, 38}).SubImage(image.Rect(15, 5, 40, 25)).(*image.Gray)
		}(), []Span{{10, 14}, {22, 25}}}, // bars at 25-29 and 37-43 of the parent
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := InkRuns(tc.img); !slices.Equal(got, tc.want) {
				t.Errorf("InkRuns = %v, want %v", got, tc.want)
			}
		})
	}
}
