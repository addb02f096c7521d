package reader

import (
	"context"
	"fmt"
	"image"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// Tesseract can misread one glyph of a clearly printed Aadhaar number the
// same way in every pass of the whole card ("9404" for 5404 in one bold
// face under a photo's light), and the checksum then refuses the number. The
// number's line read on its own, first as the pass saw it and then with its
// contrast stretched (ocr.LineCrop), digits only, often reads it right. A
// re-reading is taken only when it passes the checksum and moved at most
// maxRereadDigits digits from the pass's reading: Verhoeff lets a random
// wrong number through one time in ten, the anchor to what the card's passes
// read keeps that chance away.

// failedNumber is the first line of a pass that read as a 12-digit number
// failing the checksum. It lives only during one read, like the number.
type failedNumber struct {
	read cards.AadhaarNumber
	box  image.Rectangle
	img  *image.Gray
}

// maxRereadDigits: a re-read number may differ from the pass's in this many digits.
const maxRereadDigits = 2

func findFailedNumber(res ocr.Result, img *image.Gray) *failedNumber {
	if img == nil {
		return nil
	}
	for _, c := range cards.FindAadhaar(res.Texts()) {
		if !c.Number.Valid() && c.Line < len(res.Lines) {
			return &failedNumber{read: c.Number, box: res.Lines[c.Line].Box, img: img}
		}
	}
	return nil
}

// rereadNumber reads a failed number's line again (see above) and folds a
// valid reading into acc.
func (r *Reader) rereadNumber(ctx context.Context, f *failedNumber, acc numberAcc, stats *Stats) error {
	h := f.box.Dy()
	plain, _ := f.img.SubImage(f.box.Inset(-h / 4).Intersect(f.img.Rect)).(*image.Gray)
	for _, crop := range []*image.Gray{plain, ocr.LineCrop(f.img, f.box, 0)} {
		if crop == nil || crop.Rect.Empty() {
			continue
		}
		res, err := r.eng.Recognize(ctx, crop, ocr.Pass{Mode: ocr.SegLine, Whitelist: digitsOnly + " "})
		if err != nil {
			return fmt.Errorf("reader: Aadhaar number pass: %w", err)
		}
		stats.Passes++
		stats.OCRTime += res.Duration
		pick, _ := cards.PickAadhaar(res.Texts())
		if pick.Number.IsZero() || pick.Number.DigitsApart(f.read) > maxRereadDigits {
			continue
		}
		pick.Certainty *= rereadCertainty
		r.absorbNumber(acc, pick, res, []cards.Finding{{Code: cards.CodeAadhaarReread, Severity: cards.SevInfo, Field: cards.FieldAadhaar,
			Message: "every pass read a number that fails the checksum; its line read again on its own passed it"}})
		return nil
	}
	return nil
}

// settleNumber takes the closer looks an Aadhaar side's number may need once
// its passes are done: a number no pass read past the checksum (above), an
// unsure masked number (maskedcheck.go).
func (r *Reader) settleNumber(ctx context.Context, failed *failedNumber, masked *numberSpot, acc numberAcc, stats *Stats) error {
	if !acc.field.Found() && failed != nil {
		if err := r.rereadNumber(ctx, failed, acc, stats); err != nil {
			return err
		}
	}
	return r.rereadLast4(ctx, masked, acc, stats)
}
