package reader

import (
	"context"
	"fmt"
	"image"
	"slices"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// In bold print Tesseract's LSTM, reading a whole card with every character
// allowed, can take narrow zeros for O and an 8 for S ("TAHPAOOOSI" for
// TAHPA0008I) in every pass and at every scale. Repair by position may not
// guess there (S→5 gives a wrong PAN), so the reader takes a second,
// narrower look: it cuts the four digit positions out of the prepared image
// and reads them once more with only digits allowed.

// suspectPAN is a PAN-shaped word no pass could accept, and where it was.
type suspectPAN struct {
	token string
	box   image.Rectangle
	img   *image.Gray // the prepared image the box refers to
}

func findSuspectPAN(res ocr.Result, img *image.Gray) *suspectPAN {
	if tok, box, ok := firstWord(res, img, cards.SuspectPAN); ok {
		return &suspectPAN{token: tok, box: box, img: img}
	}
	return nil
}

// firstWord returns the first word of res that match accepts, as match
// returns it, and its box (none without an image to read it again from).
func firstWord(res ocr.Result, img *image.Gray, match func(string) (string, bool)) (string, image.Rectangle, bool) {
	if img == nil {
		return "", image.Rectangle{}, false
	}
	for _, l := range res.Lines {
		for _, w := range l.Words {
			if v, ok := match(w.Text); ok {
				return v, w.Box, true
			}
		}
	}
	return "", image.Rectangle{}, false
}

const digitsOnly = "0123456789"

// rereadPANDigits reads the suspect's digit positions on their own and, if
// that gives four digits that make a valid PAN, takes it as the card's number.
func (r *Reader) rereadPANDigits(ctx context.Context, st *panState, stats *Stats) error {
	s := st.suspect
	crop, ok := digitCrop(s.img, s.box)
	if !ok {
		return nil
	}
	res, err := r.eng.Recognize(ctx, crop, ocr.Pass{Mode: ocr.SegLine, Whitelist: digitsOnly})
	if err != nil {
		return fmt.Errorf("reader: PAN digits pass: %w", err)
	}
	stats.Passes++
	stats.OCRTime += res.Duration
	digits := ""
	for _, l := range res.Lines {
		for _, w := range l.Words {
			digits += w.Text
		}
	}
	v, ok := cards.PANWithDigits(s.token, digits)
	if !ok {
		return nil
	}
	st.result.Number = Field{Value: v, Confidence: rereadCertainty * res.Confidence()}
	st.numberFindings = []cards.Finding{{Code: cards.CodePANReread, Severity: cards.SevInfo, Field: cards.FieldPAN,
		Message: fmt.Sprintf("the digits were read again on their own (the card read %q)", s.token)}}
	if v[3] != 'P' {
		st.numberFindings = append(st.numberFindings, cards.Finding{Code: cards.CodePANNotIndividual,
			Severity: cards.SevWarning, Field: cards.FieldPAN, Message: "the PAN belongs to a " + cards.HolderTypes[v[3]] + ", not an individual"})
	}
	return nil
}

// rereadCertainty: a re-read value is as certain as one with a repaired
// character (cards.pickPAN takes 0.1 per repair).
const rereadCertainty = 0.9

// digitCrop cuts positions 6-9 of a PAN out of its word box. Glyphs are found
// as runs of ink columns counted from the right: bold capitals may touch each
// other (TA, HP), but the last letter and the four digits stand apart. The
// four runs before the last must be alike in width, as digits are, or the
// word is not cut.
func digitCrop(img *image.Gray, box image.Rectangle) (*image.Gray, bool) {
	word, ok := img.SubImage(box.Inset(-2).Intersect(img.Rect)).(*image.Gray)
	if !ok || word.Rect.Empty() {
		return nil, false
	}
	runs := ocr.InkRuns(word)
	if len(runs) < 6 {
		return nil, false
	}
	digits := runs[len(runs)-5 : len(runs)-1]
	widths := make([]int, 4)
	for i, d := range digits {
		widths[i] = d.Width()
	}
	lo, hi := slices.Min(widths), slices.Max(widths)
	if lo == 0 || float64(hi) > maxDigitWidthRatio*float64(lo) || 10*(digits[3].To-digits[0].From) > 6*word.Rect.Dx() {
		return nil, false
	}
	pad := max(2, (digits[0].From-runs[len(runs)-6].To)/2)
	x0 := word.Rect.Min.X + max(0, digits[0].From-pad)
	x1 := word.Rect.Min.X + min(word.Rect.Dx(), digits[3].To+pad)
	// Tesseract reads a line best with some white above and below it.
	margin := word.Rect.Dy() / 4
	out, ok := img.SubImage(image.Rect(x0, word.Rect.Min.Y-margin, x1, word.Rect.Max.Y+margin).Intersect(img.Rect)).(*image.Gray)
	return out, ok
}

// maxDigitWidthRatio: the widest of the four digit runs may be this many
// times the narrowest (a 1 is narrower than a 0 in most faces).
const maxDigitWidthRatio = 2.2

// panTail is the first word of a pass that reads as the end of a PAN whose
// first letters were lost, as match returned it, and where it was: without
// its first letter (cards.ShortPAN, for lostI) or its first one to four
// (cards.PANTail, for rereadCutPAN); or, mirrored, as its start without its
// last one to four characters (cards.PANHead, for rereadPANHead).
type panTail struct {
	tail string
	box  image.Rectangle
	img  *image.Gray
}

func findPANTail(res ocr.Result, img *image.Gray, match func(string) (string, bool)) *panTail {
	if tail, box, ok := firstWord(res, img, match); ok {
		return &panTail{tail: tail, box: box, img: img}
	}
	return nil
}

// lostI restores a short PAN's first letter from the image when it can only
// be an I: the word's ink stands in ten separate glyphs (the nine read and one
// more) and the first is a single narrow stroke, at most lostIWidth of the
// others' median width. The LSTM's decoding drops an I before a J or another
// stroke-like capital ("IJJPK7705H" read "JJPK7705H", every pass and scale).
// Touching glyphs, or a first glyph of a letter's width, leave the number not
// found: nothing is guessed.
func lostI(s *panTail) (string, bool) {
	word, ok := s.img.SubImage(s.box.Inset(-2).Intersect(s.img.Rect)).(*image.Gray)
	if !ok || word.Rect.Empty() {
		return "", false
	}
	runs := ocr.InkRuns(word)
	if len(runs) != 10 {
		return "", false
	}
	widths := make([]int, 0, 9)
	for _, r := range runs[1:] {
		widths = append(widths, r.Width())
	}
	slices.Sort(widths)
	if float64(runs[0].Width()) > lostIWidth*float64(widths[len(widths)/2]) {
		return "", false
	}
	v := "I" + s.tail
	return v, cards.ValidPAN(v)
}

// lostIWidth: an I's stroke is a third to a half of a bold capital's or a
// digit's width in the sans faces cards are printed in.
const lostIWidth = 0.5

func (s *panState) restoreLostI() {
	v, ok := lostI(s.short)
	if !ok {
		return
	}
	s.result.Number = Field{Value: v, Confidence: rereadCertainty * 0.9}
	s.numberFindings = []cards.Finding{{Code: cards.CodePANReread, Severity: cards.SevInfo, Field: cards.FieldPAN,
		Message: fmt.Sprintf("the first letter, lost by OCR, was taken from the print: a single narrow stroke, I (the card read %q)", s.short.tail)}}
}
