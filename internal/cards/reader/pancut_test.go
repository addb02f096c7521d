package reader

import (
	"context"
	"image"
	"slices"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/cards"
)

func TestPANTailReadAgainWithRoom(t *testing.T) {
	t.Parallel()
	const card = "INCOME TAX DEPARTMENT\nPermanent Account Number Card\nPM8554U\nName\nADITYA SEN\nDate of Birth\n18/11/1964"
	for _, tc := range []struct {
		name, line, want string
	}{
		{"read whole on its own", "TFFPM8554U", "TFFPM8554U"},
		{"read whole only after a repair", "TFFPM8S54U", ""},
		{"read as a PAN with another tail", "TFFPM8554V", ""},
		{"read as cut again", "PM8554U", ""},
		{"two PANs on the line", "TFFPM8554U ABCPE1234F", ""},
	} {
		rec := &scriptedRecognizer{texts: []string{card}, line: tc.line}
		r := &Reader{eng: rec, cfg: Config{Budget: time.Minute, MaxPasses: 4, Plan: DefaultPlan()}}
		res, err := r.ReadPAN(context.Background(), image.NewGray(image.Rect(0, 0, 400, 240)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Number.Value != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, res.Number.Value, tc.want)
		}
		reread := slices.ContainsFunc(res.Findings, func(f cards.Finding) bool { return f.Code == cards.CodePANTailReread })
		if reread != (tc.want != "") || tc.want != "" && res.Number.Confidence < keyConfidence*0.9 {
			t.Errorf("%s: re-read finding %v, confidence %.2f", tc.name, reread, res.Number.Confidence)
		}
	}
}
