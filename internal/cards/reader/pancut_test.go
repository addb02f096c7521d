package reader

import (
	"context"
	"image"
	"slices"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/cards"
)

func TestPANEndReadAgainWithRoom(t *testing.T) {
	t.Parallel()
	const (
		tail = "INCOME TAX DEPARTMENT\nPermanent Account Number Card\nPM8554U\nName\nADITYA SEN\nDate of Birth\n18/11/1964"
		head = "INCOME TAX DEPARTMENT\nPermanent Account Number Card\nTFFPM8 j OW\nName\nADITYA SEN\nDate of Birth\n18/11/1964"
	)
	for _, tc := range []struct {
		name, card, line, want string
		code                   cards.Code
	}{
		{"tail read whole on its own", tail, "TFFPM8554U", "TFFPM8554U", cards.CodePANTailReread},
		{"tail read whole only after a repair", tail, "TFFPM8S54U", "", ""},
		{"tail read as a PAN with another tail", tail, "TFFPM8554V", "", ""},
		{"tail read as cut again", tail, "PM8554U", "", ""},
		{"tail and another PAN on the line", tail, "TFFPM8554U ABCPE1234F", "", ""},
		{"head read whole on its own", head, "TFFPM8554U", "TFFPM8554U", cards.CodePANHeadReread},
		{"head read whole only after a repair", head, "TFFPM8S54U", "", ""},
		{"head read as a PAN with another head", head, "TFFPM9554U", "", ""},
		{"head read as cut again", head, "TFFPM8", "", ""},
		{"head and another PAN on the line", head, "TFFPM8554U ABCPE1234F", "", ""},
	} {
		rec := &scriptedRecognizer{texts: []string{tc.card}, line: tc.line}
		r := &Reader{eng: rec, cfg: Config{Budget: time.Minute, MaxPasses: 4, Plan: DefaultPlan()}}
		res, err := r.ReadPAN(context.Background(), image.NewGray(image.Rect(0, 0, 400, 240)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Number.Value != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, res.Number.Value, tc.want)
		}
		reread := slices.ContainsFunc(res.Findings, func(f cards.Finding) bool { return f.Code == tc.code })
		if reread != (tc.want != "") || tc.want != "" && res.Number.Confidence < keyConfidence*0.9 {
			t.Errorf("%s: re-read finding %v, confidence %.2f", tc.name, reread, res.Number.Confidence)
		}
	}
}
