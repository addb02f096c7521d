package main

import (
	"fmt"
	"math"
	"testing"

	"github.com/enxtai/kyc/internal/testkit/attacks"
)

func TestThresholdAt(t *testing.T) {
	t.Parallel()
	ten := []float64{0.5, 0.1, 0.9, 0.2, 0.3, 1.0, 0.4, 0.6, 0.7, 0.8}
	cases := []struct {
		live   []float64
		target float64
		want   float64
	}{
		{ten, 0.10, 0.2}, // one of ten may be rejected
		{ten, 0.05, 0.1}, // none
		{ten, 0.20, 0.3},
		{[]float64{0.7}, 0.10, 0.7},
	}
	for _, c := range cases {
		if got := thresholdAt(c.live, c.target); got != c.want {
			t.Errorf("thresholdAt(%v, %v) = %v, want %v", c.live, c.target, got, c.want)
		}
	}
}

func TestMarginFor(t *testing.T) {
	t.Parallel()
	twenty := make([]float64, 17)
	for i := range twenty {
		twenty[i] = 0.9
	}
	cases := []struct {
		name string
		ths  []float64
		live [][]float64
		want float64
	}{
		{"nothing rejected", []float64{0.8, 0.8}, [][]float64{{0.9, 0.85}, {0.95, 0.8}}, 0},
		// six photos: none may be rejected, so the margin admits the furthest one (0.8 - 0.7)
		{"six photos", []float64{0.8, 0.8}, [][]float64{{0.9, 0.85, 0.7}, {0.95, 0.75, 0.9}}, 0.1},
		// twenty photos: two may be rejected, so only the smallest of three gaps (0.8 - 0.75) is admitted
		{"twenty photos", []float64{0.8, 0.8}, [][]float64{append([]float64{0.5, 0.6}, twenty[:8]...), append([]float64{0.75}, twenty[8:]...)}, 0.05},
		// the gap is measured against each fold's own threshold
		{"per-fold thresholds", []float64{0.9, 0.6}, [][]float64{{0.85, 0.95, 0.95}, {0.55, 0.9, 0.9}}, 0.05},
	}
	for _, c := range cases {
		if got := marginFor(c.ths, c.live); math.Abs(got-c.want) > 2*marginSlack {
			t.Errorf("%s: marginFor = %v, want %v", c.name, got, c.want)
		}
		// judged at threshold - margin, at most 10% of the photos are rejected
		rej, n := 0, 0
		for f, v := range c.live {
			for _, s := range v {
				n++
				if s < c.ths[f]-marginFor(c.ths, c.live) {
					rej++
				}
			}
		}
		if ratio(rej, n) > maxBPCER {
			t.Errorf("%s: %d of %d rejected at the margin", c.name, rej, n)
		}
	}
}

// The nested rule must never look at the judged fold: changing that fold's scores leaves its threshold
// as it was, while the bands' way (margin from every held-out fold of the deal) may move it.
func TestNestedMarginIgnoresJudgedFold(t *testing.T) {
	t.Parallel()
	var samples []livSample
	for p := range 10 {
		id := fmt.Sprintf("p%d", p)
		for j := range 3 {
			samples = append(samples, livSample{id: id, x: []float64{0.6 + 0.04*float64(p) + 0.01*float64(j)}})
		}
		samples = append(samples, livSample{id: id, kind: attacks.PrintCut, x: []float64{0.1 * float64(p%5)}})
	}
	var ids []string
	for p := range 10 {
		ids = append(ids, fmt.Sprintf("p%d", p))
	}
	fold, k := dealFolds(ids, 5)
	sc := fixedScorer("x", func(x []float64) float64 { return x[0] })
	before, _ := heldOutRule(samples, fold, k, sc, nestedMarginRule(), false)
	changed := append([]livSample(nil), samples...)
	for i, s := range changed {
		if fold[s.id] == 0 && s.live() {
			changed[i].x = []float64{0.01} // fold 0's live photos now far below everyone
		}
	}
	after, _ := heldOutRule(changed, fold, k, sc, nestedMarginRule(), false)
	if before.ths[0] != after.ths[0] {
		t.Errorf("fold 0's nested threshold moved with its own scores: %v -> %v", before.ths[0], after.ths[0])
	}
	if after.rejected <= before.rejected {
		t.Errorf("fold 0's low live photos were not rejected: %d -> %d", before.rejected, after.rejected)
	}
	_, m := heldOutRule(changed, fold, k, sc, nestedMarginRule(), true)
	if m <= 0 {
		t.Errorf("the bands' margin did not react to fold 0's low scores: %v", m)
	}
}
