package reader

import (
	"context"
	"fmt"
	"image"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// The PIN ends a long address block in small print, and on a photographed
// card it is often the text under the glare or the shadow band: the pass
// reads it cut short ("West Bengal - 7110") or with a mark taken for a digit
// ("52004!"). Another whole pass at another scale costs a third of a second
// and often fails the same way; the line alone, its contrast stretched on the
// crop and enlarged (ocr.LineCrop), reads whole in a tenth. The parser names
// the line (cards.PINSuspect) and what of the PIN is known; the line read
// again replaces it in the pass's text, which is parsed again, and its PIN
// is kept only if it agrees with what was known.

// refiner is a docState that can take a closer look at a spot of the pass
// just absorbed before merging it and before another whole pass is spent.
type refiner interface {
	refine(ctx context.Context, r *Reader, stats *Stats) error
}

// pendingPIN is a pass whose PIN line is suspect, held back from the merge.
type pendingPIN struct {
	text  cards.AadhaarBackText
	lines []string
	res   ocr.Result
	img   *image.Gray // the prepared image res was read from
}

// pinLineExtra is how far right of a cut-short line the crop reaches, in
// line heights: a PIN's six digits take about three and a half.
const pinLineExtra = 4

// pinLostExtra is the same for a line that lost its whole PIN and perhaps the
// end of the state's name before it ("Nagpur, Mahare"): the rest of a long
// state name, the dash and the six digits.
const pinLostExtra = 10

// refine reads a pending pass's PIN line again and merges the pass: with the
// line read again when that gives a PIN agreeing with what the pass read of
// it, as it was otherwise.
func (s *backState) refine(ctx context.Context, r *Reader, stats *Stats) error {
	p := s.pending
	if p == nil {
		return nil
	}
	s.pending, s.reread = nil, true // at most one closer look per card
	t, res, certainty, err := r.rereadPINLine(ctx, p, stats)
	if err != nil {
		s.absorbText(p.text, p.res, p.img, 1)
		return err
	}
	s.absorbText(t, res, p.img, certainty)
	if certainty < 1 {
		s.findings.add(cards.Finding{Code: cards.CodePINReread, Severity: cards.SevInfo, Field: cards.FieldAddress,
			Message: "the PIN's line was read again on its own (the card's pass read it cut short or unclear)"})
	}
	return nil
}

// rereadPINLine returns the pass's text and result with the PIN line read
// again, and the certainty of that reading; or the pass as it was, certainty 1.
func (r *Reader) rereadPINLine(ctx context.Context, p *pendingPIN, stats *Stats) (cards.AadhaarBackText, ocr.Result, float64, error) {
	i := p.text.PINSuspect.Line
	if i >= len(p.res.Lines) {
		return p.text, p.res, 1, nil
	}
	box := p.res.Lines[i].Box
	extra := pinLineExtra
	if p.text.PINSuspect.Known == "" {
		extra = pinLostExtra
	}
	again, ok, err := r.readLineAgain(ctx, p.img, box, extra*box.Dy(), stats)
	if err != nil {
		return p.text, p.res, 1, fmt.Errorf("reader: PIN line pass: %w", err)
	}
	if !ok || len(again.Lines) == 0 {
		return p.text, p.res, 1, nil
	}
	lines := append([]string(nil), p.lines...)
	lines[i] = again.Text()
	t := cards.ParseAadhaarBack(lines)
	if !t.PIN.Found() || t.PINSuspect.Found() || !cards.PINAgrees(p.text.PINSuspect.Known, t.PIN.Value) {
		return p.text, p.res, 1, nil
	}
	// The pass's result with the line read again: its words' boxes are the
	// crop's, but only their confidences are used from here on.
	res := ocr.Result{Lines: append([]ocr.Line(nil), p.res.Lines...)}
	res.Lines[i] = ocr.Line{Words: flatWords(again), Box: box}
	return t, res, rereadCertainty, nil
}

// flatWords is every word of a result, in order.
func flatWords(res ocr.Result) []ocr.Word {
	var ws []ocr.Word
	for _, l := range res.Lines {
		ws = append(ws, l.Words...)
	}
	return ws
}
