package reader

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// On the 2018 PAN card a photo and a QR code stand beside the name lines,
// and Tesseract reads a corner of them into the name's line as one or two
// short capitals ("SAI THENMOZHI DURGA KUPPUSWAMY O", "... OO LE"). A word
// list cannot tell them from a real initial ("MEENAKSHI S"); their geometry
// can: the name is printed with single word spaces in one size, while the
// debris lies beyond a gap many times that spacing and is taller or shorter
// than the name's letters, or read with low confidence.

const (
	// farGapHeights: a gap wider than this many letter heights is no word space.
	farGapHeights = 1.2
	// farGapSpaces: nor is one wider than this many times the line's other gaps.
	farGapSpaces = 2.5
	// debrisRunes: debris is a word of at most this many characters.
	debrisRunes = 3
	// debrisConfidence: below it a short word is debris whatever its size.
	debrisConfidence = 0.6
	// debrisHeightRatio: a short word this much taller (or shorter, inverted)
	// than the line's letters is not printed in the line's type.
	debrisHeightRatio = 1.4
	// debrisTallHeights: a word this many times the line's letter height is
	// no word of it at any length (a long name word read unsurely at twice the
	// height, a blot over it, is kept).
	debrisTallHeights = 3
	// oddGapSpaces: words out of the line's type (outOfType) beyond a gap this
	// many times the line's word spaces are debris, however near in letter heights.
	oddGapSpaces = 1.5
)

// dropFarDebris returns res with, in each line, the words after a far gap
// removed when every one of them is short debris (see above), and likewise the
// words before one (the photo's edge left of a 2018 PAN's name). Lines are
// otherwise untouched; res itself is not modified.
func dropFarDebris(res ocr.Result) ocr.Result {
	out := ocr.Result{Lines: slices.Clone(res.Lines), Duration: res.Duration}
	for i, l := range out.Lines {
		ws := l.Words
		if k := debrisFrom(ws); k > 0 {
			ws = ws[:k]
		}
		if k := debrisBefore(ws); k > 0 {
			ws = ws[k:]
		}
		if len(ws) == len(l.Words) {
			continue
		}
		out.Lines[i] = ocr.LineOf(ws)
	}
	return out
}

// debrisBefore is the number of debris words that open ws before a far gap
// (0 when none): debrisFrom on the line read right to left.
func debrisBefore(ws []ocr.Word) int {
	mirrored := make([]ocr.Word, len(ws))
	for i, w := range ws {
		w.Box.Min.X, w.Box.Max.X = -w.Box.Max.X, -w.Box.Min.X
		mirrored[len(ws)-1-i] = w
	}
	if k := debrisFrom(mirrored); k > 0 {
		return len(ws) - k
	}
	return 0
}

// debrisFrom is the index of the first debris word of ws (in reading order),
// or 0 when the line ends in none.
func debrisFrom(ws []ocr.Word) int {
	for k := 1; k < len(ws); k++ {
		head := ws[:k]
		h := medianOf(head, func(w ocr.Word) float64 { return float64(w.Box.Dy()) })
		gap := float64(ws[k].Box.Min.X - ws[k-1].Box.Max.X)
		if h <= 0 {
			continue
		}
		odd := outOfType(ws[k:], letterHeight(h, ws[k-1]))
		switch {
		case bilingualLabel(ws[k-1:]):
			continue
		case k >= 2 && odd:
			// Words out of the line's print beyond a gap wider than its word spaces (a
			// QR printed close to a long name) are debris even short of farGapHeights.
			if gap <= farGapHeights*h && gap <= oddGapSpaces*wordSpace(head) {
				continue
			}
		case gap <= farGapHeights*h:
			continue
		case k >= 2 && gap <= farGapSpaces*wordSpace(head):
			continue
		}
		if !slices.ContainsFunc(ws[k:], func(w ocr.Word) bool { return !isDebrisWord(w, h) }) {
			return k
		}
	}
	return 0
}

// bilingualLabel: a lone slash, then only the cards' own words: the English half of a bilingual label
// ("जन्म वर्ष / YOB"), printed smaller than the Hindi before it, which an English pass reads as tall Latin
// letters; no debris beside a name is read as a slash and then a label.
func bilingualLabel(ws []ocr.Word) bool {
	if len(ws) < 2 || ws[0].Text != "/" {
		return false
	}
	for _, w := range ws[1:] {
		if !cards.IsCardWord(strings.Trim(w.Text, ":;.")) {
			return false
		}
	}
	return true
}

// letterHeight is the line's letter height h, or the height of the word before a gap when that word was read
// surely, is no short debris-like word, and is lower: glare or a blot can swell the boxes of a name's first
// words (50 px for letters 20 px high on a photographed PAN), never shrink one.
func letterHeight(h float64, before ocr.Word) float64 {
	if before.Confidence >= debrisConfidence && utf8.RuneCountInString(before.Text) > debrisRunes {
		return min(h, float64(before.Box.Dy()))
	}
	return h
}

// wordSpace is the lower median of the spaces between ws's words (at least 1
// px; ws holds two words at least): a far gap among them is not a word space.
func wordSpace(ws []ocr.Word) float64 {
	spaces := make([]float64, 0, len(ws)-1)
	for j := 1; j < len(ws); j++ {
		spaces = append(spaces, float64(ws[j].Box.Min.X-ws[j-1].Box.Max.X))
	}
	slices.Sort(spaces)
	return max(spaces[(len(spaces)-1)/2], 1)
}

// isDebrisWord: a short word read with low confidence or out of the line's
// letter height h, or a word without capitals read with low confidence at
// any length ("alee", "ayer"): a PAN prints names in capitals; or, at any
// length too, one read with low confidence and debrisTallHeights times the
// line's letter height or more (the QR beside a name read "Flake"), or twice
// that height and not in capitals only (a blurred photo's edge read "Pata").
func isDebrisWord(w ocr.Word, h float64) bool {
	tall := float64(w.Box.Dy()) / h
	if w.Confidence < debrisConfidence && (!hasUpper(w.Text) || tall >= debrisTallHeights || tall >= 2 && hasLower(w.Text)) {
		return true
	}
	if utf8.RuneCountInString(w.Text) > debrisRunes {
		return false
	}
	r := float64(w.Box.Dy()) / h
	return w.Confidence < debrisConfidence || r > debrisHeightRatio || r < 1/debrisHeightRatio
}

// outOfType: words no part of the line's print (the QR beside a name) even
// when the gap before them is only a little wider than the word spaces: each
// at least twice the line's letter height h and read with low confidence or
// short, or short, unsure and debrisHeightRatio times h, or read with low
// confidence and without a capital.
func outOfType(ws []ocr.Word, h float64) bool {
	for _, w := range ws {
		unsure, short := w.Confidence < debrisConfidence, utf8.RuneCountInString(w.Text) <= debrisRunes
		r := float64(w.Box.Dy()) / h
		tall := r >= 2 && (unsure || short) || r >= debrisHeightRatio && unsure && short
		if !tall && (!unsure || hasUpper(w.Text)) {
			return false
		}
	}
	return true
}

func hasUpper(s string) bool { return strings.IndexFunc(s, unicode.IsUpper) >= 0 }

func hasLower(s string) bool { return strings.IndexFunc(s, unicode.IsLower) >= 0 }

func medianOf(ws []ocr.Word, f func(ocr.Word) float64) float64 {
	vs := make([]float64, len(ws))
	for i, w := range ws {
		vs[i] = f(w)
	}
	slices.Sort(vs)
	return vs[len(vs)/2]
}
