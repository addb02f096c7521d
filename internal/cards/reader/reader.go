package reader

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"time"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// Recognizer is the part of the OCR engine the reader uses (*ocr.Engine).
type Recognizer interface {
	Recognize(ctx context.Context, img *image.Gray, pass ocr.Pass) (ocr.Result, error)
}

var _ Recognizer = (*ocr.Engine)(nil)

// Reader reads card images. It is safe for concurrent use: concurrency is
// bounded by the engine's pool.
type Reader struct {
	eng      Recognizer
	cfg      Config
	matchKey []byte // random per Reader: lets CrossCheck compare numbers without keeping them
	id       string // names matchKey in match tokens
}

// New builds a reader over an engine.
func New(eng Recognizer, cfg Config) (*Reader, error) {
	if eng == nil {
		return nil, errors.New("reader: nil OCR engine")
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("reader: random key: %w", err)
	}
	return &Reader{eng: eng, cfg: cfg, matchKey: key[:24], id: hex.EncodeToString(key[24:])}, nil
}

// Attempt is one OCR pass: how to prepare the image and how to segment it.
type Attempt struct {
	Prep ocr.Prep
	Pass ocr.Pass
}

// DefaultPlan lists the passes tried in order until a card's key fields are
// read. The first reads most cards, straightened first: a hand-held card's
// few degrees of tilt let Tesseract read a T as J or drop a last letter with
// confidence, so no retry ran (the straightening costs a card that is not
// tilted nothing but the estimate). The next ones fix lighting and small
// print; the last binarises locally, for text faded by glare on a
// photographed card. Chosen with bench/eval-ocr (see bench/ocr.md).
func DefaultPlan() []Attempt {
	return []Attempt{
		{ocr.Prep{Rectify: true, Width: 1100, Stretch: true, Deskew: true}, ocr.Pass{Mode: ocr.SegAuto}},
		{ocr.Prep{Rectify: true, Width: 1100, Flatten: true, Stretch: true, Deskew: true}, ocr.Pass{Mode: ocr.SegAuto}},
		{ocr.Prep{Rectify: true, Width: 1400, Flatten: true, Stretch: true, Deskew: true}, ocr.Pass{Mode: ocr.SegSparse}},
		{ocr.Prep{Rectify: true, Width: 1100, Flatten: true, Stretch: true, Deskew: true}, ocr.Pass{Mode: ocr.SegAuto, Threshold: ocr.ThresholdSauvola}},
	}
}

// docState accumulates one card's fields over passes.
type docState interface {
	absorb(lines []string, res ocr.Result, img *image.Gray) // img: the prepared image res was read from
	complete() bool                                         // every key field read with good confidence
	anyKey() bool                                           // at least one key field read
}

// minWords: below this over the first pass, and the second that it then
// gets, the image holds no text worth more passes (blank, a photo of
// something else).
const minWords = 3

// read runs passes until st is complete or MaxPasses or the budget is spent:
// the first plan entry (and the next ones while all read so far hold under
// minWords words); then, if that gave words but no key field, the first upside down (a
// card photographed the wrong way round); then the rest of the plan, turned
// over if that is what worked.
func (r *Reader) read(ctx context.Context, img image.Image, st docState) (Stats, []cards.Finding, error) {
	var stats Stats
	if img == nil {
		return stats, nil, errors.New("reader: nil image")
	}
	if b := img.Bounds(); b.Dx() < 16 || b.Dy() < 16 {
		st.absorb(nil, ocr.Result{}, nil) // records what is missing
		return stats, []cards.Finding{noText()}, nil
	}
	start := time.Now()
	words := 0
	plan := r.cfg.Plan
	prepare := newPreparer(img, plan)
	run := func(a Attempt, rotated bool) error {
		a.Prep.Rotate180 = rotated
		prep := prepare.get(a.Prep)
		res, err := r.eng.Recognize(ctx, prep.Image, a.Pass)
		if err != nil {
			return fmt.Errorf("reader: OCR pass %d: %w", stats.Passes+1, err)
		}
		stats.Passes++
		stats.OCRTime += res.Duration
		words += res.WordCount()
		hadKey := st.anyKey()
		st.absorb(res.Texts(), res, prep.Image)
		if rf, ok := st.(refiner); ok {
			if err := rf.refine(ctx, r, &stats); err != nil {
				return err
			}
		}
		if st.anyKey() && !hadKey {
			stats.Rotated, stats.SkewDeg = rotated, prep.Skew
		}
		return nil
	}
	more := func() bool {
		return !st.complete() && words >= minWords && stats.Passes < r.cfg.MaxPasses && time.Since(start) < r.cfg.Budget
	}
	if err := run(plan[0], false); err != nil {
		return stats, nil, err
	}
	rest := plan[1:]
	for words < minWords && len(rest) > 0 && stats.Passes < r.cfg.MaxPasses && time.Since(start) < r.cfg.Budget {
		// Nothing read may be a preparation's failure, not the image's: on a photographed card under uneven
		// light Tesseract's page layout can find no text at all where the flattened image reads whole, and on
		// a small blurred card neither automatic layout finds a word where the sparse pass reads every line.
		// So each preparation gets its turn before the image is called textless.
		if err := run(rest[0], false); err != nil {
			return stats, nil, err
		}
		rest = rest[1:]
	}
	rotated := false
	if more() && !st.anyKey() {
		if err := run(plan[0], true); err != nil {
			return stats, nil, err
		}
		rotated = st.anyKey()
	}
	for _, a := range rest {
		if !more() {
			break
		}
		if err := run(a, rotated); err != nil {
			return stats, nil, err
		}
	}
	stats.Total = time.Since(start)
	var fs []cards.Finding
	if words < minWords {
		fs = append(fs, noText())
	}
	if stats.Rotated {
		fs = append(fs, cards.Finding{Code: cards.CodeRotated, Severity: cards.SevInfo, Field: cards.FieldDocument,
			Message: "the card was read upside down and turned over"})
	}
	return stats, fs, nil
}

func noText() cards.Finding {
	return cards.Finding{Code: cards.CodeNoText, Severity: cards.SevError, Field: cards.FieldDocument,
		Message: "no readable text: the image is blank, not a card, or too blurred"}
}

// readLineAgain reads one line of a pass's image on its own (ocr.LineCrop: the box, extra pixels more on the
// right, contrast stretched and enlarged) and counts the pass in stats; ok is false when the box leaves
// nothing to read. The PIN, name and PAN re-reads share it.
func (r *Reader) readLineAgain(ctx context.Context, img *image.Gray, box image.Rectangle, extra int, stats *Stats) (res ocr.Result, ok bool, err error) {
	res, _, ok, err = r.readCrop(ctx, img, box, extra, stats)
	return res, ok, err
}

// readCrop is readLineAgain that also tells whether the line's last word runs to the crop's right edge
// (within cropEdgeSlack pixels) short of the image's: the crop, and so the pass's box, ended inside it.
func (r *Reader) readCrop(ctx context.Context, img *image.Gray, box image.Rectangle, extra int, stats *Stats) (res ocr.Result, cut, ok bool, err error) {
	crop := ocr.LineCrop(img, box, extra)
	if crop == nil {
		return ocr.Result{}, false, false, nil
	}
	if res, err = r.eng.Recognize(ctx, crop, ocr.Pass{Mode: ocr.SegLine}); err != nil {
		return ocr.Result{}, false, false, err
	}
	stats.Passes++
	stats.OCRTime += res.Duration
	if n := len(res.Lines); n > 0 && len(res.Lines[n-1].Words) > 0 {
		ws := res.Lines[n-1].Words
		end := ws[len(ws)-1].Box.Max.X
		cut = end >= crop.Rect.Max.X-cropEdgeSlack && ocr.LineCropRect(img, box, extra).Max.X < img.Rect.Max.X
	}
	return res, cut, true, nil
}

// cropEdgeSlack: a word ending this close to a crop's edge (in the crop's pixels) runs to it.
const cropEdgeSlack = 2
