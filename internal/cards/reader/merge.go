package reader

import (
	"fmt"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// lowConfidence: below it a returned field gets a low_confidence finding.
const lowConfidence = 0.6

// keyConfidence: a key field at or above it ends the passes for its card.
const keyConfidence = 0.6

// disagreement scales confidence when passes read different values.
const disagreement = 0.7

// confidenceOf combines the parser's certainty with Tesseract's confidence
// in the line the value came from.
func confidenceOf(e cards.Extract, res ocr.Result) float64 {
	if !e.Found() {
		return 0
	}
	return e.Certainty * lineConfidence(res, e.Line)
}

func lineConfidence(res ocr.Result, line int) float64 {
	if line < 0 || line >= len(res.Lines) {
		return 0.5
	}
	return res.Lines[line].Confidence()
}

// merge folds one pass's reading of a field into the running value: the same
// value keeps the best confidence; a different one wins only with a higher
// confidence, and either way the disagreement lowers it. It reports whether
// the value changed.
func (f *Field) merge(value string, conf float64) bool {
	switch {
	case value == "":
		return false
	case f.Value == "":
		f.Value, f.Confidence = value, conf
		return true
	case f.Value == value:
		f.Confidence = max(f.Confidence, conf)
		return false
	case conf > f.Confidence:
		f.Value, f.Confidence = value, conf*disagreement
		return true
	}
	f.Confidence *= disagreement
	return false
}

// findingSet gathers findings over passes without repeats.
type findingSet struct {
	list []cards.Finding
	seen map[string]bool
}

func (s *findingSet) add(fs ...cards.Finding) {
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	for _, f := range fs {
		k := string(f.Code) + "\x00" + f.Field + "\x00" + f.Message
		if !s.seen[k] {
			s.seen[k] = true
			s.list = append(s.list, f)
		}
	}
}

// absenceCodes describe a field that a pass failed to read; they are dropped
// when another pass read the field.
var absenceCodes = map[cards.Code]bool{
	cards.CodePANNotFound: true, cards.CodePANInvalid: true, cards.CodeAadhaarNotFound: true,
	cards.CodeAadhaarChecksum: true, cards.CodeNameNotFound: true, cards.CodeDOBNotFound: true,
	cards.CodeFatherNameNotFound: true, cards.CodeGenderNotFound: true, cards.CodeAddressNotFound: true,
	cards.CodeWrongDocType: true,
}

// final keeps absence findings only for fields still missing (present maps a
// finding field to whether it was read; the document-type finding follows
// the card's main number), then flags weak fields.
func (s *findingSet) final(present map[string]bool, fields map[string]Field) []cards.Finding {
	out := []cards.Finding{}
	for _, f := range s.list {
		if absenceCodes[f.Code] && present[f.Field] {
			continue
		}
		out = append(out, f)
	}
	for _, name := range sortedKeys(fields) {
		if fl := fields[name]; fl.Found() && fl.Confidence < lowConfidence {
			out = append(out, cards.Finding{Code: cards.CodeLowConf, Severity: cards.SevWarning, Field: name,
				Message: fmt.Sprintf("%s was read with low confidence (%.2f)", name, fl.Confidence)})
		}
	}
	return out
}
