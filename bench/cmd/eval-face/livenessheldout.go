package main

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/enxtai/kyc/internal/testkit/attacks"
)

// The liveness threshold held out. Choosing the threshold on the same live photos it is judged on makes its
// BPCER exact by construction (the highest threshold that keeps BPCER <= 10% on those photos); whether it
// keeps both BPCER and APCER on other people is a separate question. Here the people are dealt into folds
// (as for face matching, heldout.go); for fold f the threshold is chosen on the live photos of the other
// folds' people only, and fold f's people's live photos and attacks (every attack is made from one person's
// photo) are judged at it. Counts are pooled over the folds.

// livenessTally counts one protocol's held-out errors.
type livenessTally struct {
	live, rejected     int
	attack, accepted   map[attacks.Kind]int
	tMin, tMax         float64
	allAttack, allPass int
}

func newLivenessTally() livenessTally {
	return livenessTally{attack: map[attacks.Kind]int{}, accepted: map[attacks.Kind]int{}, tMin: math.Inf(1), tMax: math.Inf(-1)}
}

func (t livenessTally) bpcer() float64 { return ratio(t.rejected, t.live) }
func (t livenessTally) apcer() float64 { return ratio(t.allPass, t.allAttack) }

// livenessHeldOut runs the protocol for one deal of the people into k folds.
func livenessHeldOut(r livenessRun, fold map[string]int, k int) livenessTally {
	t := newLivenessTally()
	for f := range k {
		var calib []float64
		for i, s := range r.live {
			if fold[r.liveID[i]] != f {
				calib = append(calib, s)
			}
		}
		th := chooseLivenessThreshold(livenessRun{live: calib}, maxBPCER)
		t.tMin, t.tMax = math.Min(t.tMin, th), math.Max(t.tMax, th)
		for i, s := range r.live {
			if fold[r.liveID[i]] == f {
				t.live++
				if s < th {
					t.rejected++
				}
			}
		}
		for _, kind := range attacks.Kinds {
			for i, s := range r.attack[kind] {
				if fold[r.attackID[kind][i]] != f {
					continue
				}
				t.attack[kind]++
				t.allAttack++
				if s >= th {
					t.accepted[kind]++
					t.allPass++
				}
			}
		}
	}
	return t
}

// dealFolds deals ids round-robin into k folds (k <= 0 or more than the people: one fold per person).
func dealFolds(ids []string, k int) (map[string]int, int) {
	if k <= 0 || k > len(ids) {
		k = len(ids)
	}
	fold := map[string]int{}
	for i, id := range ids {
		fold[id] = i % k
	}
	return fold, k
}

// sortedDistinct returns v's distinct values in order (v is not modified).
func sortedDistinct[T cmp.Ordered](v []T) []T {
	out := slices.Clone(v)
	slices.Sort(out)
	return slices.Compact(out)
}

// printLivenessHeldOut prints, for each run, the figures of today's protocol (threshold chosen and judged on
// all live photos) beside the held-out ones: k folds by person (the fixed sorted deal, and the mean over
// deals random deals) and one fold per person.
func printLivenessHeldOut(w io.Writer, runs []livenessRun, shipped map[string]float64, deals int) {
	fmt.Fprintf(w, "\n#### liveness threshold held out (chosen on other people's live photos, BPCER <= %.0f%%)\n\n", 100*maxBPCER)
	fmt.Fprintln(w, "| model | protocol | threshold(s) | BPCER | APCER all | "+kindsHeader()+" |")
	fmt.Fprintln(w, "|---|---|---|---|---|"+kindsRule())
	for _, r := range runs {
		ids := sortedDistinct(r.liveID)
		row := func(name, th string, t livenessTally) {
			fmt.Fprintf(w, "| %s | %s | %s | %s (%d/%d) | %s (%d/%d) |", r.model, name, th, pct(t.bpcer()), t.rejected, t.live,
				pct(t.apcer()), t.allPass, t.allAttack)
			for _, k := range attacks.Kinds {
				fmt.Fprintf(w, " %s |", pct(ratio(t.accepted[k], t.attack[k])))
			}
			fmt.Fprintln(w)
		}
		t := judgeAll(r, chooseLivenessThreshold(r, maxBPCER))
		row("all photos (today: chosen and judged on the same)", fmt.Sprintf("%.3f", t.tMin), t)
		if s, ok := shipped[r.model]; ok {
			row("shipped threshold, all photos", fmt.Sprintf("%.3f", s), judgeAll(r, s))
		}
		for _, k := range []int{heldoutFolds, 0} {
			fold, n := dealFolds(ids, k)
			t := livenessHeldOut(r, fold, n)
			name := fmt.Sprintf("%d folds by person, fixed deal", n)
			if k == 0 {
				name = fmt.Sprintf("leave one person out (%d folds)", n)
			}
			row(name, fmt.Sprintf("%.3f-%.3f", t.tMin, t.tMax), t)
		}
		printLivenessDeals(w, r, ids, deals)
	}
}

// judgeAll judges every live photo and attack at threshold th.
func judgeAll(r livenessRun, th float64) livenessTally {
	t := newLivenessTally()
	t.tMin, t.tMax = th, th
	for _, s := range r.live {
		t.live++
		if s < th {
			t.rejected++
		}
	}
	for _, k := range attacks.Kinds {
		for _, s := range r.attack[k] {
			t.attack[k]++
			t.allAttack++
			if s >= th {
				t.accepted[k]++
				t.allPass++
			}
		}
	}
	return t
}

// printLivenessDeals repeats the 5-fold protocol over random deals (seeded, as repeated.go) and prints the
// mean (sd) of the pooled BPCER and APCER, and each family's mean APCER.
func printLivenessDeals(w io.Writer, r livenessRun, ids []string, deals int) {
	rng := rand.New(rand.NewPCG(1, 17))
	var bp, ap []float64
	fam := map[attacks.Kind]float64{}
	overB, overA := 0, 0
	for range deals {
		perm := append([]string(nil), ids...)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		fold, n := dealFolds(perm, heldoutFolds)
		t := livenessHeldOut(r, fold, n)
		bp, ap = append(bp, t.bpcer()), append(ap, t.apcer())
		if t.bpcer() > maxBPCER {
			overB++
		}
		if t.apcer() > 0.08 {
			overA++
		}
		for _, k := range attacks.Kinds {
			fam[k] += ratio(t.accepted[k], t.attack[k]) / float64(deals)
		}
	}
	sd := func(v []float64) float64 { return math.Sqrt(variance(v, mean(v))) }
	var cells []string
	for _, k := range attacks.Kinds {
		cells = append(cells, pct(fam[k]))
	}
	fmt.Fprintf(w, "| %s | %d folds by person, %d random deals: mean (sd); deals with BPCER > 10%%: %d, with APCER > 8%%: %d | - | %s (%s) | %s (%s) | %s |\n",
		r.model, heldoutFolds, deals, overB, overA, pct(mean(bp)), pct(sd(bp)), pct(mean(ap)), pct(sd(ap)), strings.Join(cells, " | "))
}
