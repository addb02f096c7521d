package ocr

import (
	"image"
	"slices"
)

// Rows regroups the result's words into visual rows, left to right, from
// their boxes alone. Tesseract's layout analysis orders text by blocks; a
// line printed with wide gaps (a 4-4-4 number in large print, a label and
// its value far apart) can come out as several blocks, each its own line.
// Rows puts such pieces back on one line whatever the card's layout.
func (r Result) Rows() Result {
	var words []Word
	for _, l := range r.Lines {
		words = append(words, l.Words...)
	}
	slices.SortStableFunc(words, func(a, b Word) int { return midY(a.Box) - midY(b.Box) })
	var rows []Line
	for _, w := range words {
		placed := false
		for i := len(rows) - 1; i >= 0 && i >= len(rows)-3; i-- {
			if sameRow(rows[i].Box, w.Box) {
				rows[i].Words = append(rows[i].Words, w)
				rows[i].Box = rows[i].Box.Union(w.Box)
				placed = true
				break
			}
		}
		if !placed {
			rows = append(rows, Line{Words: []Word{w}, Box: w.Box})
		}
	}
	var out []Line
	for _, row := range rows {
		slices.SortStableFunc(row.Words, func(a, b Word) int { return a.Box.Min.X - b.Box.Min.X })
		out = append(out, splitAtGaps(row)...)
	}
	return Result{Lines: out, Duration: r.Duration}
}

// maxGap: words further apart than this many line heights are in different
// columns (a name and the code or photo beside it), not one line.
const maxGap = 2.5

func splitAtGaps(row Line) []Line {
	var out []Line
	cur := Line{}
	for _, w := range row.Words {
		if len(cur.Words) > 0 && float64(w.Box.Min.X-cur.Box.Max.X) > maxGap*float64(max(cur.Box.Dy(), w.Box.Dy())) {
			out = append(out, cur)
			cur = Line{}
		}
		if len(cur.Words) == 0 {
			cur.Box = w.Box
		}
		cur.Words = append(cur.Words, w)
		cur.Box = cur.Box.Union(w.Box)
	}
	if len(cur.Words) > 0 {
		out = append(out, cur)
	}
	return out
}

func midY(b image.Rectangle) int { return (b.Min.Y + b.Max.Y) / 2 }

// sameRow: the word's vertical middle lies within the row's band and the
// two heights differ by less than a factor of two (a big number and the
// small print beside it are different rows).
func sameRow(row, w image.Rectangle) bool {
	m := midY(w)
	if m < row.Min.Y || m > row.Max.Y {
		return false
	}
	h1, h2 := row.Dy(), w.Dy()
	return h1 < 2*h2+2 && h2 < 2*h1+2
}
