package reader

import (
	"context"
	"fmt"
	"strings"

	"github.com/enxtai/kyc/internal/cards"
)

// Glare over the start of a PAN greys its first letters, and Tesseract's
// layout analysis can leave them out of the word: "PM8554U" for TFFPM8554U,
// in every pass. Read on its own with room on the left (ocr.LineCrop
// stretches the crop's contrast), the line reads whole. A reading is taken
// only if it is one PAN read as printed, without repair, that ends with the
// tail the pass read.

// cutRoom is how many glyph widths of room per lost letter the re-read gets
// on the left: glyphs of a bold PAN differ in width (an M, an I).
const cutRoom = 1.5

// rereadCutPAN reads the tail's word again with room for the lost letters.
func (r *Reader) rereadCutPAN(ctx context.Context, st *panState, stats *Stats) error {
	c := st.cut
	glyph := float64(c.box.Dx()) / float64(len(c.tail))
	box := c.box
	box.Min.X -= int(cutRoom * glyph * float64(10-len(c.tail))) // one room per lost letter
	again, ok, err := r.readLineAgain(ctx, c.img, box, 0, stats)
	if err != nil {
		return fmt.Errorf("reader: PAN tail pass: %w", err)
	}
	if !ok {
		return nil
	}
	valid, _ := cards.FindPANs(again.Texts())
	if len(valid) != 1 || valid[0].Repairs > 0 || !strings.HasSuffix(valid[0].Value, c.tail) {
		return nil
	}
	st.result.Number = Field{Value: valid[0].Value, Confidence: rereadCertainty * again.Confidence()}
	st.numberFindings = []cards.Finding{{Code: cards.CodePANTailReread, Severity: cards.SevInfo, Field: cards.FieldPAN,
		Message: fmt.Sprintf("the number's first letters, lost by OCR, were read again with room on the left (the card read %q)", c.tail)}}
	return nil
}
