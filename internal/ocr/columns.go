package ocr

import "image"

// Span is a run of columns [From, To) relative to an image's left edge.
type Span struct{ From, To int }

// Width is the span's width in pixels.
func (s Span) Width() int { return s.To - s.From }

// InkRuns splits a cropped line of print into runs of columns that hold ink,
// separated by blank columns: one run per glyph where glyphs stand apart,
// one for several where they touch. A column holds ink when at least
// minInk of its pixels are darker than the Otsu threshold, so that JPEG
// speckle in a gap does not join two glyphs.
func InkRuns(g *image.Gray) []Span {
	b := g.Rect
	bin := Otsu(g)
	minInk := max(2, b.Dy()/16)
	var runs []Span
	start := -1
	for x := b.Min.X; x <= b.Max.X; x++ {
		ink := 0
		if x < b.Max.X {
			for y := b.Min.Y; y < b.Max.Y; y++ {
				if bin.Pix[bin.PixOffset(x, y)] == 0 {
					ink++
				}
			}
		}
		switch {
		case ink >= minInk && start < 0:
			start = x
		case ink < minInk && start >= 0:
			runs = append(runs, Span{start - b.Min.X, x - b.Min.X})
			start = -1
		}
	}
	return runs
}
