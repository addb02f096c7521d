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
// of it.

// numberSpot is where the running PAN was read, for that closer look.
type numberSpot struct {
	box  image.Rectangle // the number's word
	img  *image.Gray     // the prepared image box refers to
	conf float64         // Tesseract's confidence in the word
}

// panRereadBelow: a PAN word read with less confidence is read again.
const panRereadBelow = 0.75

// spotOfNumber finds the word of line i of res that holds the PAN value.
func spotOfNumber(res ocr.Result, i int, value string, img *image.Gray) *numberSpot {
	if img == nil || i < 0 || i >= len(res.Lines) {
		return nil
	}
	for _, w := range res.Lines[i].Words {
		if v, _, ok := cards.RepairPAN(strings.Trim(w.Text, "|.,:;[]()")); ok && v == value {
			return &numberSpot{box: w.Box, img: img, conf: w.Confidence}
		}
	}
	return nil
}

// rereadPANLine reads the number's word again when it was read with low
// confidence (see above).
func (r *Reader) rereadPANLine(ctx context.Context, st *panState, stats *Stats) error {
	sp := st.numberAt
	if sp == nil || sp.conf >= panRereadBelow || !st.result.Number.Found() {
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
	case again.Confidence() > sp.conf && valid[0].Repairs == 0: // a value read as printed, not repaired into shape
		st.numberFindings = append(st.numberFindings, cards.Finding{Code: cards.CodePANLineReread, Severity: cards.SevWarning,
			Field: cards.FieldPAN, Message: fmt.Sprintf("the number, read %q with low confidence, was read again on its own", n.Value)})
		n.Value, n.Confidence = v, conf*disagreement
	}
	return nil
}
