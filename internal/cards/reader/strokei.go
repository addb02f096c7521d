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
