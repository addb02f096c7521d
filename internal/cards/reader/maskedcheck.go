package reader

import (
	"context"
	"fmt"
	"image"
	"strings"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// A masked number ("XXXX XXXX 9826") has no check digit: a misread last
// digit group ("9626", every whole-card pass alike) passes every test the
// parser has. Tesseract's confidence in the group is the only sign, as for
// the PAN (panreread.go): a group read under numberRereadBelow is read again
// on its own (ocr.LineCrop); the same digits raise the confidence, other
// digits replace the pass's by the PAN's rule (numberSpot.replaces).

func spotOfLast4(res ocr.Result, line int, last4 string, img *image.Gray) *numberSpot {
	if img == nil || line < 0 || line >= len(res.Lines) {
		return nil
	}
	for _, w := range res.Lines[line].Words {
		if strings.Trim(w.Text, ".,:;|") == last4 {
			return &numberSpot{box: w.Box, img: img, conf: w.Confidence}
		}
	}
	return nil
}

// rereadLast4 reads an unsure masked number's digits again (see above).
func (r *Reader) rereadLast4(ctx context.Context, sp *numberSpot, acc numberAcc, stats *Stats) error {
	if sp == nil || sp.conf >= numberRereadBelow {
		return nil
	}
	again, ok, err := r.readLineAgain(ctx, sp.img, sp.box, 0, stats)
	if err != nil {
		return fmt.Errorf("reader: masked number pass: %w", err)
	}
	got := strings.Trim(again.Text(), ".,:;| ")
	if !ok || len(got) != 4 || strings.Trim(got, digitsOnly) != "" {
		return nil
	}
	f, conf := acc.field, rereadCertainty*again.Confidence()
	switch {
	case got == *acc.last4:
		f.Confidence = max(f.Confidence, conf)
	case sp.replaces(again.Confidence()):
		*acc.numberFindings = append(*acc.numberFindings, cards.Finding{Code: cards.CodeAadhaarLast4Reread, Severity: cards.SevWarning,
			Field: cards.FieldAadhaar, Message: fmt.Sprintf("the masked number's last 4, read %q with low confidence, were read again on their own", *acc.last4)})
		*acc.last4, f.Value, f.Confidence = got, cards.MaskedNumber(got), conf*disagreement
	}
	return nil
}
