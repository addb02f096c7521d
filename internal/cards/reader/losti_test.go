package reader

import (
	"image"
	"image/color"
	"testing"
)

// TestLostI: a PAN word whose first glyph Tesseract dropped gets its I back only when the print shows ten
// separate glyphs and the first is a narrow stroke.
func TestLostI(t *testing.T) {
	t.Parallel()
	word := func(widths ...int) (*image.Gray, image.Rectangle) {
		img := image.NewGray(image.Rect(0, 0, 400, 60))
		for i := range img.Pix {
			img.Pix[i] = 255
		}
		x := 20
		for _, w := range widths {
			for y := 15; y < 45; y++ {
				for dx := range w {
					img.SetGray(x+dx, y, color.Gray{})
				}
			}
			x += w + 6
		}
		return img, image.Rect(18, 13, x, 47)
	}
	for _, tc := range []struct {
		name   string
		widths []int
		tail   string
		want   string
	}{
		{"a stroke before nine glyphs", []int{4, 14, 14, 16, 15, 14, 14, 14, 14, 16}, "JJPK7705H", "IJJPK7705H"},
		{"a letter's width first", []int{14, 14, 14, 16, 15, 14, 14, 14, 14, 16}, "JJPK7705H", ""},
		{"nine glyphs: the letter is not in the print", []int{14, 14, 16, 15, 14, 14, 14, 14, 16}, "JJPK7705H", ""},
	} {
		img, box := word(tc.widths...)
		got, ok := lostI(&panTail{tail: tc.tail, box: box, img: img})
		if ok != (tc.want != "") || got != tc.want && ok {
			t.Errorf("%s: %q, %v; want %q", tc.name, got, ok, tc.want)
		}
	}
}
