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
// tail the pass read. Glare over the number's other end is the same loss
// mirrored ("TYZPH9" for TYZPH9736Q): the head is read again with room on
// the right, and the PAN must start with it.

// cutRoom is how many glyph widths of room per lost letter the re-read gets
// on the left: glyphs of a bold PAN differ in width (an M, an I).
const cutRoom = 1.5

// rereadCutPAN reads the tail's word again with room for the lost letters.
func (r *Reader) rereadCutPAN(ctx context.Context, st *panState, stats *Stats) error {
	return r.rereadPANEnd(ctx, st, st.cut, false, stats)
}

// rereadPANHead reads the head's word again with room for the lost characters.
func (r *Reader) rereadPANHead(ctx context.Context, st *panState, stats *Stats) error {
	return r.rereadPANEnd(ctx, st, st.head, true, stats)
}

// rereadPANEnd reads part's word again with room for the characters lost at
// one end: on the right when part is the number's head, else on the left.
func (r *Reader) rereadPANEnd(ctx context.Context, st *panState, part *panTail, head bool, stats *Stats) error {
	glyph := float64(part.box.Dx()) / float64(len(part.tail))
	room := int(cutRoom * glyph * float64(10-len(part.tail))) // one room per lost character
	box := part.box
	if head {
		box.Max.X += room
	} else {
		box.Min.X -= room
	}
	again, ok, err := r.readLineAgain(ctx, part.img, box.Intersect(part.img.Rect), 0, stats)
	if err != nil {
		return fmt.Errorf("reader: PAN end pass: %w", err)
	}
	if !ok {
		return nil
	}
	valid, _ := cards.FindPANs(again.Texts())
	fits := strings.HasSuffix
	code, message := cards.CodePANTailReread, "the number's first letters, lost by OCR, were read again with room on the left (the card read %q)"
	if head {
		fits = strings.HasPrefix
		code, message = cards.CodePANHeadReread, "the number's last characters, lost by OCR, were read again with room on the right (the card read %q)"
	}
	if len(valid) != 1 || valid[0].Repairs > 0 || !fits(valid[0].Value, part.tail) {
		return nil
	}
	st.result.Number = Field{Value: valid[0].Value, Confidence: rereadCertainty * again.Confidence()}
	st.numberFindings = []cards.Finding{{Code: code, Severity: cards.SevInfo, Field: cards.FieldPAN, Message: fmt.Sprintf(message, part.tail)}}
	return nil
}
