package reader

import (
	"context"
	"image"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/cards"
)

// TestBackPINOutsideItsState: a PIN whose first digits are not the state's is read again on its own line and
// by later passes; the one that fits is returned, and the misfit finding stays only when none does.
func TestBackPINOutsideItsState(t *testing.T) {
	t.Parallel()
	const (
		head    = "Address:\nS/O: Ramesh Kale,\nPlot 12, Civil Lines,\n"
		misfit  = head + "Nagpur, Maharashtra - 200085\n2169 6201 6002"
		right   = head + "Nagpur, Maharashtra - 440085\n2169 6201 6002"
		misLine = "Nagpur, Maharashtra - 200085"
	)
	for _, tc := range []struct {
		name    string
		passes  []string
		line    string // the PIN's line read again on its own
		pin     string
		finding bool // address_pin_state_misfit in the result
	}{
		{"the line read again fits", []string{misfit}, "Nagpur, Maharashtra - 440085", "440085", false},
		{"a later pass fits", []string{misfit, right}, misLine, "440085", false},
		{"no reading fits: the card may print it so", []string{misfit}, misLine, "200085", true},
		{"the first pass fits", []string{right}, misLine, "440085", false},
	} {
		r := &Reader{eng: &scriptedRecognizer{texts: tc.passes, line: tc.line}, cfg: Config{Budget: time.Minute, MaxPasses: 4, Plan: DefaultPlan()}}
		res, err := r.ReadAadhaarBack(context.Background(), image.NewGray(image.Rect(0, 0, 200, 120)))
		if err != nil {
			t.Fatal(err)
		}
		if res.PIN.Value != tc.pin || !strings.HasSuffix(res.Address.Value, "- "+tc.pin) {
			t.Errorf("%s: PIN %q address %q", tc.name, res.PIN.Value, res.Address.Value)
		}
		got := slices.ContainsFunc(res.Findings, func(f cards.Finding) bool { return f.Code == cards.CodePINStateMisfit })
		if got != tc.finding {
			t.Errorf("%s: misfit finding %v, want %v (%+v)", tc.name, got, tc.finding, res.Findings)
		}
	}
}
