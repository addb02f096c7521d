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
	var words []rowWord
	for i, l := range r.Lines {
		for _, w := range l.Words {
			words = append(words, rowWord{w, i})
		}
	}
	slices.SortStableFunc(words, func(a, b rowWord) int { return midY(a.Box) - midY(b.Box) })
	type row struct {
		box   image.Rectangle
		words []rowWord
	}
	var rows []row
	for _, w := range words {
		placed := false
		for i := len(rows) - 1; i >= 0 && i >= len(rows)-3; i-- {
			if sameRow(rows[i].box, w.Box) {
				rows[i].words = append(rows[i].words, w)
				rows[i].box = rows[i].box.Union(w.Box)
				placed = true
				break
			}
		}
		if !placed {
			rows = append(rows, row{w.Box, []rowWord{w}})
		}
	}
	var out []Line
	for _, rw := range rows {
		slices.SortStableFunc(rw.words, func(a, b rowWord) int { return a.Box.Min.X - b.Box.Min.X })
		out = append(out, splitAtGaps(joinCutWords(rw.box, rw.words))...)
	}
	return Result{Lines: out, Duration: r.Duration}
}

// rowWord is a word with the Tesseract line it came from.
type rowWord struct {
	Word
	line int
}

// cutWordGap: two words of one row from different Tesseract lines, this close (in line heights), are one word
// that layout analysis cut in two: on a skewed card it breaks a line into pieces, sometimes inside a word
// ("PRAS" ending 1 px before "ANNA" on the next piece). Tesseract's own spaces are never this narrow.
const cutWordGap = 0.15

// joinCutWords is a row's line, its words sorted left to right, each joined to the one before it when they came
// from different Tesseract lines and almost touch, or when it starts more than half its own width inside the
// one before it and ends with it or beyond, whatever their lines: no space lies between two such boxes, so
// Tesseract cut one printed word (a large bold "XXXX-XXXX-7767" read "XXXX-XXXX-7" and "767", the second box
// inside the first's end). A word that ends well inside the one before it is not that word's cut end: the box
// before it is too wide (blurred, Tesseract sometimes boxes "Lakshmi" over "Durga Menon" too).
func joinCutWords(box image.Rectangle, ws []rowWord) Line {
	out := Line{Box: box}
	for i, w := range ws {
		if n := len(out.Words); n > 0 {
			prev := &out.Words[n-1]
			h := max(prev.Box.Dy(), w.Box.Dy())
			gap := w.Box.Min.X - prev.Box.Max.X
			cut := w.line != ws[i-1].line && gap >= 0 && float64(gap) <= cutWordGap*float64(h)
			overlapsEnd := 2*-gap > w.Box.Dx() && float64(prev.Box.Max.X-w.Box.Max.X) <= cutWordGap*float64(h)
			if cut || overlapsEnd {
				prev.Text += w.Text
				prev.Confidence = min(prev.Confidence, w.Confidence)
				prev.Box = prev.Box.Union(w.Box)
				continue
			}
		}
		out.Words = append(out.Words, w.Word)
	}
	return out
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
