package reader

import (
	"context"
	"image"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// scriptedRecognizer answers pass k with texts[min(k, last)], one word per
// token, every word at confidence 0.9 (0.3 for a token ending in ~); a single
// line read again (ocr.SegLine) with line.
type scriptedRecognizer struct {
	texts []string
	line  string
	calls int
}

func (s *scriptedRecognizer) Recognize(_ context.Context, _ *image.Gray, pass ocr.Pass) (ocr.Result, error) {
	text := s.texts[min(s.calls, len(s.texts)-1)]
	if pass.Mode == ocr.SegLine {
		text = s.line
	} else {
		s.calls++
	}
	var res ocr.Result
	for i, l := range strings.Split(text, "\n") {
		var line ocr.Line
		for j, w := range strings.Fields(l) {
			box := image.Rect(10+60*j, 10+30*i, 60+60*j, 30+30*i)
			conf := 0.9
			if unsure, ok := strings.CutSuffix(w, "~"); ok {
				w, conf = unsure, 0.3
			}
			line.Words = append(line.Words, ocr.Word{Text: w, Confidence: conf, Box: box})
			line.Box = line.Box.Union(box)
		}
		res.Lines = append(res.Lines, line)
	}
	return res, nil
}

func TestBackPINFromTheOtherBlock(t *testing.T) {
	t.Parallel()
	const (
		hindi   = "at:\no/s. Raga Aer,\nTsIRe - 500061\n"
		cut     = "Main Road, Hyderabad, Telangana"
		lost    = hindi + "Address:\nC/O: Surya Ganesan,\n" + cut + "\n2169 6201 6002"
		english = hindi + "Address:\nC/O: Surya Ganesan,\nMain Road, Hyderabad, Telangana - 500061\n2169 6201 6002"
	)
	for _, tc := range []struct {
		name    string
		passes  []string
		line    string // the cut line read again on its own
		finding bool   // address_pin_other_block in the result
		sure    bool   // PIN confidence at or above the key confidence
	}{
		{"every pass loses the English PIN, and so does its line read again", []string{lost}, cut, true, false},
		{"the line read again has it", []string{lost}, cut + " - 500061", false, true},
		{"a later pass reads it", []string{lost, english}, cut, false, true},
		{"the first pass reads it", []string{english}, cut, false, true},
	} {
		r := &Reader{eng: &scriptedRecognizer{texts: tc.passes, line: tc.line}, cfg: Config{Budget: time.Minute, MaxPasses: 4, Plan: DefaultPlan()}}
		res, err := r.ReadAadhaarBack(context.Background(), image.NewGray(image.Rect(0, 0, 200, 120)))
		if err != nil {
			t.Fatal(err)
		}
		if res.PIN.Value != "500061" || !strings.HasSuffix(res.Address.Value, "- 500061") {
			t.Errorf("%s: PIN %q address %q", tc.name, res.PIN.Value, res.Address.Value)
		}
		got := slices.ContainsFunc(res.Findings, func(f cards.Finding) bool { return f.Code == cards.CodePINOtherBlock })
		if got != tc.finding {
			t.Errorf("%s: other-block finding %v, want %v (%+v)", tc.name, got, tc.finding, res.Findings)
		}
		if (res.PIN.Confidence >= keyConfidence) != tc.sure {
			t.Errorf("%s: PIN confidence %.2f", tc.name, res.PIN.Confidence)
		}
	}
}
