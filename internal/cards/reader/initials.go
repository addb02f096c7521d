package reader

import (
	"slices"
	"strings"
	"unicode"

	"github.com/enxtai/kyc/internal/ocr"
)

// finalInitials returns res with a name's final initial put back where Tesseract read it as something the
// name parser trims as the photo's or the card's edge: a capital I standing alone after a word read as "|"
// ("Thenmozhi |"), and after a name in capitals a capital whose small letter has its shape read small
// ("JAYALAKSHMI c": blur rounds the C, and Tesseract's box for it is the small letter's, so its height tells
// nothing). It is the initial when it is read surely and stands at word spacing after a capitalised word of
// letters, a bar also with that word's height (an edge is further off, or taller, or unsure). res is not
// modified.
func finalInitials(res ocr.Result) ocr.Result {
	out := ocr.Result{Lines: slices.Clone(res.Lines), Duration: res.Duration}
	for i, l := range out.Lines {
		n := len(l.Words)
		if n < 2 {
			continue
		}
		initial, ok := finalInitial(l.Words[n-2], l.Words[n-1])
		if !ok {
			continue
		}
		l.Words = slices.Clone(l.Words)
		l.Words[n-1].Text = initial
		out.Lines[i] = l
	}
	return out
}

// smallLikeCapital: the small letters printed as their capital made smaller.
const smallLikeCapital = "cosvwxz"

func finalInitial(prev, w ocr.Word) (string, bool) {
	if w.Confidence < debrisConfidence {
		return "", false
	}
	rs := []rune(prev.Text)
	if len(rs) < 2 || !unicode.IsUpper(rs[0]) || slices.ContainsFunc(rs, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return "", false
	}
	h := float64(prev.Box.Dy())
	gap := float64(w.Box.Min.X - prev.Box.Max.X)
	if h <= 0 || gap < 0 || gap > farGapHeights*h {
		return "", false
	}
	switch r := float64(w.Box.Dy()) / h; {
	case w.Text == "|" && r <= debrisHeightRatio && r >= 1/debrisHeightRatio:
		return "I", true
	case len(w.Text) == 1 && strings.Contains(smallLikeCapital, w.Text) && !slices.ContainsFunc(rs, unicode.IsLower):
		return strings.ToUpper(w.Text), true
	}
	return "", false
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
