package main

import (
	"math"
	"strings"
	"testing"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

func TestWilson(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		ok, n  int
		lo, hi float64
	}{
		{50, 100, 0.4038, 0.5962},
		{0, 10, 0, 0.2775},
		{10, 10, 0.7225, 1},
		{59, 60, 0.9114, 0.9971},
	} {
		lo, hi := wilson(tc.ok, tc.n)
		if math.Abs(lo-tc.lo) > 5e-4 || math.Abs(hi-tc.hi) > 5e-4 {
			t.Errorf("wilson(%d, %d) = %.4f-%.4f, want %.4f-%.4f", tc.ok, tc.n, lo, hi, tc.lo, tc.hi)
		}
	}
}

func TestWholeCardsCountsACardOnceWhateverFieldsItMisses(t *testing.T) {
	t.Parallel()
	held := "pan-e-pan"
	if !cardkit.HeldOut[held] {
		t.Fatalf("%s is no longer held out; pick the held-out PAN family", held)
	}
	card := func(fam string, exact ...bool) cardResult {
		return cardResult{doc: cardkit.DocPAN, family: fam, variant: cardkit.Clean,
			fields: map[string]bool{"pan": exact[0], "name": exact[1], "dob": exact[2], "father": false}}
	}
	rs := []cardResult{
		card("pan-old", true, true, true), // the father's name is no key field
		card("pan-old", false, false, true),
		card("pan-new", true, true, true),
		card(held, true, true, false),
	}
	var b strings.Builder
	wholeCards(&b, rs, options{variants: []cardkit.Variant{cardkit.Clean}})
	for _, want := range []string{"| all | 50.0 (2/4,", "| tuned | 66.7 (2/3,", "| held out | 0.0 (0/1,"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
}
