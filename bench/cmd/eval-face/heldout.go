package main

import (
	"fmt"
	"io"
	"math"
	"sort"
)

// The held-out protocol: the people are split into folds. For fold f the calibration pairs are those whose
// card and selfie both show people of the other folds; the evaluation pairs are those whose card shows a
// person of fold f (every pair is evaluated exactly once, by its card's fold). A fold's gap is how far its
// own highest impostor similarity rose above its calibration maximum. The bands carry a margin M, the
// largest gap of any fold; fold f is judged at calibMax_f + M. A stricter, nested variant gives fold f only
// the largest gap of the other folds (its own data then chooses nothing); both are printed.
// heldoutFolds is set by -folds; 0 means one fold per person (leave one person out).
var heldoutFolds = 5

// labelled is one comparison with the identities of its card and selfie.
type labelled struct {
	cardID, selfieID string
	sim              float64
	ok               bool // both faces found
}

type foldResult struct {
	people            []string
	calibMax, margin  float64 // margin: the other folds' largest gap (nested)
	threshold         float64 // calibMax + the bands' margin M
	genuine, impostor int
	fnm, fm           int // at threshold
	nestedFNM         int // at calibMax + margin
	nestedFM          int
}

// heldOut runs the protocol on card-vs-selfie comparisons.
func heldOut(cmp []labelled) (folds []foldResult, gaps []float64) {
	return heldOutWith(cmp, func(int) []labelled { return cmp })
}

// heldOutWith runs the protocol where fold f's scores may come from a model fitted for that fold: scored(f)
// returns cmp (same order and identities) with fold f's similarities.
func heldOutWith(cmp []labelled, scored func(f int) []labelled) (folds []foldResult, gaps []float64) {
	fold, heldoutFolds := foldsOf(cmp)
	calibMax := make([]float64, heldoutFolds)
	evalMax := make([]float64, heldoutFolds)
	for f := range heldoutFolds {
		calibMax[f], evalMax[f] = math.Inf(-1), math.Inf(-1)
		for _, c := range scored(f) {
			if !c.ok || c.cardID == c.selfieID {
				continue
			}
			switch {
			case fold[c.cardID] != f && fold[c.selfieID] != f:
				calibMax[f] = math.Max(calibMax[f], c.sim)
			case fold[c.cardID] == f:
				evalMax[f] = math.Max(evalMax[f], c.sim)
			}
		}
	}
	gaps = make([]float64, heldoutFolds)
	for f := range gaps {
		gaps[f] = math.Max(0, evalMax[f]-calibMax[f])
	}
	bandMargin := 0.0
	for _, g := range gaps {
		bandMargin = math.Max(bandMargin, g)
	}
	for f := range heldoutFolds {
		r := foldResult{calibMax: calibMax[f]}
		for g := range heldoutFolds {
			if g != f {
				r.margin = math.Max(r.margin, gaps[g])
			}
		}
		// just above: a pair exactly at the calibration maximum plus the margin is not accepted
		r.threshold = math.Nextafter(r.calibMax+bandMargin, math.Inf(1))
		for id, g := range fold {
			if g == f {
				r.people = append(r.people, id)
			}
		}
		sort.Strings(r.people)
		for _, c := range scored(f) {
			if fold[c.cardID] != f {
				continue
			}
			accept := c.ok && c.sim >= r.threshold
			nested := c.ok && c.sim > r.calibMax+r.margin
			if c.cardID == c.selfieID {
				r.genuine++
				if !accept {
					r.fnm++
				}
				if !nested {
					r.nestedFNM++
				}
			} else {
				r.impostor++
				if accept {
					r.fm++
				}
				if nested {
					r.nestedFM++
				}
			}
		}
		folds = append(folds, r)
	}
	return folds, gaps
}

// foldsOf deals the sorted identities round-robin into folds (deterministic), or in foldShuffle's order.
func foldsOf(cmp []labelled) (map[string]int, int) {
	ids := identitiesOf(cmp)
	sort.Strings(ids)
	if len(foldShuffle) == len(ids) {
		ids = foldShuffle
	}
	return dealFolds(ids, heldoutFolds)
}

// heldOutSummary pools the folds: FNMR mean and spread, FMR with its 95% upper bound.
type heldOutSummary struct {
	fnmrMean, fnmrSD, fnmrMin, fnmrMax float64
	fnm, genuine, fm, impostor         int
	nestedFNM, nestedFM                int
	fmrUpper                           float64 // rule of three when fm == 0, else normal approximation
	margin                             float64 // the largest gap seen on any fold: the margin the code carries
}

func summarize(folds []foldResult, gaps []float64) heldOutSummary {
	s := heldOutSummary{fnmrMin: math.Inf(1), fnmrMax: math.Inf(-1)}
	var rates []float64
	for _, f := range folds {
		r := ratio(f.fnm, f.genuine)
		if !math.IsNaN(r) {
			rates = append(rates, r)
			s.fnmrMin, s.fnmrMax = math.Min(s.fnmrMin, r), math.Max(s.fnmrMax, r)
		}
		s.fnm, s.genuine, s.fm, s.impostor = s.fnm+f.fnm, s.genuine+f.genuine, s.fm+f.fm, s.impostor+f.impostor
		s.nestedFNM, s.nestedFM = s.nestedFNM+f.nestedFNM, s.nestedFM+f.nestedFM
	}
	s.fnmrMean = mean(rates)
	for _, r := range rates {
		s.fnmrSD += (r - s.fnmrMean) * (r - s.fnmrMean)
	}
	s.fnmrSD = math.Sqrt(s.fnmrSD / math.Max(1, float64(len(rates)-1)))
	p := ratio(s.fm, s.impostor)
	if s.fm == 0 {
		s.fmrUpper = 3 / float64(s.impostor)
	} else {
		s.fmrUpper = p + 1.96*math.Sqrt(p*(1-p)/float64(s.impostor))
	}
	for _, g := range gaps {
		s.margin = math.Max(s.margin, g)
	}
	return s
}

func printHeldOut(w io.Writer, title string, cmp []labelled) heldOutSummary {
	folds, gaps := heldOut(cmp)
	fmt.Fprintf(w, "\n#### held-out protocol, %s (%d folds by person)\n\n", title, len(folds))
	s := summarize(folds, gaps)
	fmt.Fprintf(w, "The bands' margin M = %.3f (the largest gap between a fold's impostors and its calibration maximum).\n\n", s.margin)
	fmt.Fprintln(w, "| fold | people | calibration max impostor | threshold (+M) | FNMR | FMR | nested: other folds' margin | nested FNMR | nested FMR |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	for i, f := range folds {
		fmt.Fprintf(w, "| %d | %v | %.3f | %.3f | %s (%d/%d) | %d/%d | %.3f | %s | %d/%d |\n", i, f.people, f.calibMax,
			f.threshold, pct(ratio(f.fnm, f.genuine)), f.fnm, f.genuine, f.fm, f.impostor, f.margin,
			pct(ratio(f.nestedFNM, f.genuine)), f.nestedFM, f.impostor)
	}
	fmt.Fprintf(w, "\nheld-out FNMR at auto-approve: pooled %s (%d/%d), per fold mean %s, sd %s, min %s, max %s\n",
		pct(ratio(s.fnm, s.genuine)), s.fnm, s.genuine, pct(s.fnmrMean), pct(s.fnmrSD), pct(s.fnmrMin), pct(s.fnmrMax))
	fmt.Fprintf(w, "held-out FMR at auto-approve: %d of %d impostor pairs (%s); 95%% upper bound %.2f%% (rule of three: 3/N)\n",
		s.fm, s.impostor, pct(ratio(s.fm, s.impostor)), 100*s.fmrUpper)
	fmt.Fprintf(w, "nested (each fold's margin from the other folds only): FNMR %s (%d/%d), FMR %d of %d (%s)\n",
		pct(ratio(s.nestedFNM, s.genuine)), s.nestedFNM, s.genuine, s.nestedFM, s.impostor, pct(ratio(s.nestedFM, s.impostor)))
	return s
}
