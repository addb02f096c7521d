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
	for i := range rows {
		slices.SortStableFunc(rows[i].Words, func(a, b Word) int { return a.Box.Min.X - b.Box.Min.X })
	}
	return Result{Lines: rows, Duration: r.Duration}
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
