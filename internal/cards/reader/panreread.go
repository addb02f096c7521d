package reader

import (
	"context"
	"fmt"
	"image"
	"strings"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// A letter of the PAN misread as another letter ("JJDPQ" read "JIDPQ")
// leaves a PAN of valid structure that no repair by position can question.
// Tesseract's confidence in the word is the only sign: when it is low, the
// number's line is read once more on its own (ocr.LineCrop: contrast
// stretched on the crop, small print enlarged), and a reading is taken only
// if it has the PAN structure; a different value replaces the pass's only
// when it was read in that structure without repair and Tesseract is surer
// of it, and sure.

// A symbol taken for a letter ("ZMXPT6411!" read as ...6411I) is the same
// doubt in another form: Tesseract saw one stroke of a glyph that glare or
// the crop's edge cut (the N's first stroke), and its confidence in the word
// can still be high. Such a word is read again too.

// numberSpot is where a running number (the PAN, a masked Aadhaar's last 4)
// was read, for that closer look.
type numberSpot struct {
	box    image.Rectangle // the number's word
	img    *image.Gray     // the prepared image box refers to
	conf   float64         // Tesseract's confidence in the word
	symbol bool            // the value needed a symbol read as a letter (cards.SymbolsAsLetters)
}

// numberRereadBelow: a number's word read with less confidence is read again.
const numberRereadBelow = 0.75

// replaces reports whether a second reading of a number's word that came out
// otherwise replaces the pass's: read more surely than the pass, and surely.
// One unsure reading does not replace another (a blurred "YPWPS4998]" read
// again as ...4993J at 0.40).
func (sp *numberSpot) replaces(againConf float64) bool {
	return againConf > sp.conf && againConf >= numberRereadBelow
}

// spotOfNumber finds the word of line i of res that holds the PAN value.
func spotOfNumber(res ocr.Result, i int, value string, img *image.Gray) *numberSpot {
	if img == nil || i < 0 || i >= len(res.Lines) {
		return nil
	}
	for _, w := range res.Lines[i].Words {
		if v, _, ok := cards.RepairPAN(strings.Trim(w.Text, "|.,:;[]()")); ok && v == value {
			return &numberSpot{box: w.Box, img: img, conf: w.Confidence}
		}
		if v, _, ok := cards.RepairPAN(strings.Trim(cards.SymbolsAsLetters(w.Text), ".,:;[(")); ok && v == value {
			return &numberSpot{box: w.Box, img: img, conf: w.Confidence, symbol: true}
		}
	}
	return nil
}

// rereadPANLine reads the number's word again when it was read with low
// confidence or with a symbol for a letter (see above).
func (r *Reader) rereadPANLine(ctx context.Context, st *panState, stats *Stats) error {
	sp := st.numberAt
	if sp == nil || sp.conf >= numberRereadBelow && !sp.symbol || !st.result.Number.Found() {
		return nil
	}
	again, ok, err := r.readLineAgain(ctx, sp.img, sp.box, 0, stats)
	if err != nil {
		return fmt.Errorf("reader: PAN line pass: %w", err)
	}
	if !ok {
		return nil
	}
	valid, _ := cards.FindPANs(again.Texts())
	if len(valid) != 1 {
		return nil // nothing of PAN structure, or two values: the pass's reading stands
	}
	v, conf := valid[0].Value, rereadCertainty*again.Confidence()
	n := &st.result.Number
	switch {
	case v == n.Value:
		n.Confidence = max(n.Confidence, conf)
	case sp.replaces(again.Confidence()) && valid[0].Repairs == 0: // a value read as printed, not repaired into shape
		st.numberFindings = append(st.numberFindings, cards.Finding{Code: cards.CodePANLineReread, Severity: cards.SevWarning,
			Field: cards.FieldPAN, Message: fmt.Sprintf("the number, read %q with low confidence, was read again on its own", n.Value)})
		n.Value, n.Confidence = v, conf*disagreement
	}
	return nil
}
