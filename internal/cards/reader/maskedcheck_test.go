package reader

import (
	"context"
	"image"
	"slices"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/cards"
)

func TestMaskedDigitsReadAgainWhenUnsure(t *testing.T) {
	t.Parallel()
	const card = "Government of India\nVijay Shah\nDOB: 01/09/1967\nMale\n"
	for _, tc := range []struct {
		name, number, line, want string
		finding                  bool
	}{
		{"unsure group read otherwise and surely", "XXXX XXXX 9626~", "9826", "9826", true},
		{"sure group: no second look", "XXXX XXXX 9626", "9826", "9626", false},
		{"unsure group read otherwise, unsurely", "XXXX XXXX 9626~", "9826~", "9626", false},
		{"unsure group read the same", "XXXX XXXX 9626~", "9626", "9626", false},
		{"unsure group read as no digits", "XXXX XXXX 9626~", "98a6", "9626", false},
	} {
		r := &Reader{eng: &scriptedRecognizer{texts: []string{card + tc.number}, line: tc.line}, cfg: Config{Budget: time.Minute, MaxPasses: 4, Plan: DefaultPlan()}}
		res, err := r.ReadAadhaarFront(context.Background(), image.NewGray(image.Rect(0, 0, 400, 240)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Last4 != tc.want || res.Number.Value != cards.MaskedNumber(tc.want) {
			t.Errorf("%s: %q / %q, want %q", tc.name, res.Number.Value, res.Last4, tc.want)
		}
		got := slices.ContainsFunc(res.Findings, func(f cards.Finding) bool { return f.Code == cards.CodeAadhaarLast4Reread })
		if got != tc.finding {
			t.Errorf("%s: re-read finding %v, want %v", tc.name, got, tc.finding)
		}
	}
}
