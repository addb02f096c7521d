package reader

import (
	"context"
	"image"
	"slices"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/cards"
)

func TestNumberFailingTheChecksumIsReadAgain(t *testing.T) {
	t.Parallel()
	const (
		front = "Government of India\nNaveen Prasad Kulkarni\nYear of Birth: 1991\nMale\n9404 7553 6771"
		back  = "Address:\nS/O: Rakesh Rao, 3-218, Canal Road, Ludhiana, Punjab - 141012\n9404 7553 6771"
	)
	for _, tc := range []struct {
		name, line, want string
	}{
		{"read right on its own", "5404 7553 6771", "XXXX XXXX 6771"},
		{"read the same again", "9404 7553 6771", ""},
		{"a valid number far from the pass's", "7035 7094 0557", ""},
		{"nothing like a number", "", ""},
	} {
		for side, text := range map[string]string{"front": front, "back": back} {
			r := &Reader{eng: &scriptedRecognizer{texts: []string{text}, line: tc.line}, cfg: Config{Budget: time.Minute, MaxPasses: 4, Plan: DefaultPlan()}}
			img := image.NewGray(image.Rect(0, 0, 400, 240))
			var got string
			var fs []cards.Finding
			if side == "front" {
				res, err := r.ReadAadhaarFront(context.Background(), img)
				if err != nil {
					t.Fatal(err)
				}
				got, fs = res.Number.Value, res.Findings
			} else {
				res, err := r.ReadAadhaarBack(context.Background(), img)
				if err != nil {
					t.Fatal(err)
				}
				got, fs = res.Number.Value, res.Findings
			}
			if got != tc.want {
				t.Errorf("%s, %s: %q, want %q", tc.name, side, got, tc.want)
			}
			reread := slices.ContainsFunc(fs, func(f cards.Finding) bool { return f.Code == cards.CodeAadhaarReread })
			if reread != (tc.want != "") {
				t.Errorf("%s, %s: re-read finding %v", tc.name, side, reread)
			}
		}
	}
}
