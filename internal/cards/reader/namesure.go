package reader

import (
	"slices"
	"strings"
	"unicode"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// A name read with one word unsure ("HARSH DEv JAIN" on a skewed old PAN: the
// final I lost, the word at 0.43 among words at 0.93-0.97) still has a line
// confidence above keyConfidence, and that pass ended the card while the
// deskewed next pass reads DEVI surely. A card's name is complete only once a
// pass has read its running value with every word of it at surelyRead or more.

// surelyRead: a name word read with less confidence may be misread.
const surelyRead = 0.5

// A word read a little more surely can still be the one misread word of a line read clearly otherwise ("VUJAY"
// at 0.60 beside PRASAD and SEN at 0.96-0.97 on a blurred 2018 PAN; the next pass reads VIJAY at 0.88): under
// outlierRead, with every other word of the name at clearRead or more, it is not surely read either. On a
// noisy card every word reads lower, and no word stands out.
const (
	outlierRead = 0.65
	clearRead   = 0.9
)

// surelyReadName returns name normalised if every word of the line that is a
// word of the name was read with confidence surelyRead or more, else "".
func surelyReadName(res ocr.Result, line int, name string) string {
	if name == "" || line < 0 || line >= len(res.Lines) {
		return ""
	}
	norm := cards.NormalizeName(name)
	words := strings.Fields(norm)
	ofName := func(w ocr.Word) bool { return slices.Contains(words, cards.NormalizeName(w.Text)) }
	l := res.Lines[line]
	for _, w := range l.Words {
		if (w.Confidence < surelyRead || gluedSymbol(w.Text)) && ofName(w) {
			return ""
		}
	}
	if outlierWord(l, ofName) {
		return ""
	}
	if crampedSpace(l, ofName) {
		return ""
	}
	return norm
}

// outlierWord: one word of the name read under outlierRead, the name's other words (one at least) at
// clearRead or more.
func outlierWord(l ocr.Line, ofName func(ocr.Word) bool) bool {
	low, clear := 0, 0
	for _, w := range l.Words {
		switch {
		case !ofName(w):
		case w.Confidence < outlierRead:
			low++
		case w.Confidence >= clearRead:
			clear++
		default:
			return false
		}
	}
	return low == 1 && clear >= 1
}

// crampedSpace: two words of the name with a space between them under a third of the line's widest one, as
// when blur opens a gap inside a word and Tesseract reads two ("AM IT PANDEY": 4 px between AM and IT, 19 before
// PANDEY). The text cannot tell a split word from a short one, and a narrow space can be real ("RANI IYER" in
// bold Noto Sans), so the name is only not surely read: the card gets another pass, whose reading the merge of
// passes weighs.
func crampedSpace(l ocr.Line, ofName func(ocr.Word) bool) bool {
	if len(l.Words) < 3 {
		return false // no other space to compare with
	}
	widest := 0
	for k := 1; k < len(l.Words); k++ {
		widest = max(widest, l.Words[k].Box.Min.X-l.Words[k-1].Box.Max.X)
	}
	for k := 1; k < len(l.Words); k++ {
		a, b := l.Words[k-1], l.Words[k]
		if 3*(b.Box.Min.X-a.Box.Max.X) < widest && ofName(a) && ofName(b) {
			return true
		}
	}
	return false
}

// gluedSymbol: a word ending (or starting) in a symbol that is no punctuation of a name ("THIRUMA\" for
// THIRUMALAI under a light patch, the rest of the word read as a stroke). The name keeps the word without
// it, but a cut word reads that way: the card wants another pass.
func gluedSymbol(w string) bool {
	w = strings.Trim(w, ".,'’-")
	if w == "" {
		return false
	}
	rs := []rune(w)
	return !unicode.IsLetter(rs[0]) || !unicode.IsLetter(rs[len(rs)-1])
}

// vouched runs a name line's second reading (a narrow space split, a cut name
// read whole): a name it gives is taken as surely read, its own acceptance
// rules vouching for it, so that later passes do not go on to replace it.
func vouched(f *Field, sure *string, reread func() error) error {
	before := f.Value
	err := reread()
	if f.Value != before && f.Value != "" {
		*sure = cards.NormalizeName(f.Value)
	}
	return err
}
