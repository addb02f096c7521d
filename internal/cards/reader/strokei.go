package reader

import (
	"slices"
	"unicode"

	"github.com/enxtai/kyc/internal/ocr"
)

// strokeInitials returns res with a name's final one-stroke initial put back: Tesseract reads a capital I
// standing alone after a word as "|" ("Thenmozhi |"), which the name parser trims as the photo's or the
// card's edge. It is the initial when it is read surely, stands at word spacing after a capitalised word of
// letters, and has that word's height (an edge is further off, or taller, or unsure). res is not modified.
func strokeInitials(res ocr.Result) ocr.Result {
	out := ocr.Result{Lines: slices.Clone(res.Lines), Duration: res.Duration}
	for i, l := range out.Lines {
		n := len(l.Words)
		if n < 2 || !strokeInitial(l.Words[n-2], l.Words[n-1]) {
			continue
		}
		l.Words = slices.Clone(l.Words)
		l.Words[n-1].Text = "I"
		out.Lines[i] = l
	}
	return out
}

func strokeInitial(prev, w ocr.Word) bool {
	if w.Text != "|" || w.Confidence < debrisConfidence {
		return false
	}
	rs := []rune(prev.Text)
	if len(rs) < 2 || !unicode.IsUpper(rs[0]) || slices.ContainsFunc(rs, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return false
	}
	h := float64(prev.Box.Dy())
	r := float64(w.Box.Dy()) / h
	gap := float64(w.Box.Min.X - prev.Box.Max.X)
	return h > 0 && gap >= 0 && gap <= farGapHeights*h && r <= debrisHeightRatio && r >= 1/debrisHeightRatio
}

// dropStrayBars returns res without the bars that stand apart from every word of their line. Tesseract
// reads the photo's or the card's edge, or a speck, as "|", and one before a name becomes the initial I
// ("f | Subramanian", the bar 1.7 of the name's letter heights from it); an initial stands at word spacing
// from the name, before or after it. res is not modified.
func dropStrayBars(res ocr.Result) ocr.Result {
	out := ocr.Result{Lines: slices.Clone(res.Lines), Duration: res.Duration}
	for i, l := range out.Lines {
		var keep []ocr.Word
		for j, w := range l.Words {
			if w.Text != "|" || len(l.Words) == 1 || !standsApart(l.Words, j) {
				keep = append(keep, w)
			}
		}
		if len(keep) == len(l.Words) || len(keep) == 0 { // a line of bars alone is left to the parser
			continue
		}
		out.Lines[i] = ocr.LineOf(keep)
	}
	return out
}

// standsApart: word j is further than farGapHeights letter heights of each neighbour from it.
func standsApart(ws []ocr.Word, j int) bool {
	near := func(left, right ocr.Word, h int) bool {
		return float64(right.Box.Min.X-left.Box.Max.X) <= farGapHeights*float64(h)
	}
	if j > 0 && near(ws[j-1], ws[j], ws[j-1].Box.Dy()) {
		return false
	}
	return j == len(ws)-1 || !near(ws[j], ws[j+1], ws[j+1].Box.Dy())
}
