package main

import (
	"context"
	"fmt"
	"image"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"sync"

	"github.com/disintegration/imaging"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/testkit/attacks"
)

// livenessSet is the live photos and the synthetic attacks made from them, each with its largest face found.
type livenessSet struct {
	ids     []string // identity of photo i: live[i] and every attacks[k][i] were made from it
	live    []embedded
	attacks map[attacks.Kind][]embedded
	missing map[attacks.Kind]int // attacks in which no face was found (they cannot pass either)
}

func buildLivenessSet(ctx context.Context, m face.FaceMatcher, photos []photo, selfies []embedded, seed int64, workers int) (livenessSet, error) {
	set := livenessSet{ids: make([]string, len(photos)), live: selfies, attacks: map[attacks.Kind][]embedded{}, missing: map[attacks.Kind]int{}}
	// A phone camera re-captures at about the engine's working size, so the attacks are made from the photos
	// scaled to at most attackSide pixels (which also keeps the harness fast).
	small := make([]image.Image, len(photos))
	for i, p := range photos {
		set.ids[i] = p.identity
		small[i] = p.img
		if b := p.img.Bounds(); max(b.Dx(), b.Dy()) > attackSide {
			small[i] = imaging.Fit(p.img, attackSide, attackSide, imaging.Lanczos)
		}
	}
	for ki, k := range attacks.Kinds {
		imgs := make([]image.Image, len(photos))
		par(len(photos), workers, func(i int) {
			r := rand.New(rand.NewPCG(uint64(seed), uint64(1000*ki+i)))
			imgs[i] = attacks.Make(small[i], k, r)
		})
		found, err := embedAll(ctx, m, imgs, face.Selfie, workers)
		if err != nil {
			return set, fmt.Errorf("attack %s: %w", k, err)
		}
		set.attacks[k] = found
	}
	return set, nil
}

const attackSide = 1024

// par runs f(0..n-1) on workers goroutines.
func par(n, workers int, f func(i int)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			f(i)
		}()
	}
	wg.Wait()
}

// livenessRun holds one model's scores; liveID and attackID give the person each score was made from
// (for the held-out protocol, livenessheldout.go).
type livenessRun struct {
	model    string
	live     []float64
	attack   map[attacks.Kind][]float64
	missing  map[attacks.Kind]int
	liveID   []string
	attackID map[attacks.Kind][]string
}

func (r livenessRun) allAttacks() []float64 {
	var all []float64
	for _, k := range attacks.Kinds {
		all = append(all, r.attack[k]...)
	}
	return all
}

func scoreLiveness(ctx context.Context, l face.LivenessChecker, set livenessSet) (livenessRun, error) {
	run := livenessRun{model: l.Name(), attack: map[attacks.Kind][]float64{}, missing: map[attacks.Kind]int{},
		attackID: map[attacks.Kind][]string{}}
	score := func(e embedded) (float64, bool, error) {
		if e.faces == 0 {
			return 0, false, nil
		}
		s, err := l.Score(ctx, e.found.Image, e.found.Faces[0].Box)
		return s, true, err
	}
	for i, e := range set.live {
		s, ok, err := score(e)
		if err != nil {
			return run, err
		}
		if ok {
			run.live = append(run.live, s)
			run.liveID = append(run.liveID, set.ids[i])
		}
	}
	for _, k := range attacks.Kinds {
		for i, e := range set.attacks[k] {
			s, ok, err := score(e)
			if err != nil {
				return run, err
			}
			if ok {
				run.attack[k] = append(run.attack[k], s)
				run.attackID[k] = append(run.attackID[k], set.ids[i])
			} else {
				run.missing[k]++
			}
		}
	}
	return run, nil
}

// apcer is the share of attacks (with a face) scored live at threshold t; bpcer the share of live photos
// scored below t.
func apcer(attack []float64, t float64) float64 {
	n := 0
	for _, s := range attack {
		if s >= t {
			n++
		}
	}
	return ratio(n, len(attack))
}

func bpcer(live []float64, t float64) float64 {
	n := 0
	for _, s := range live {
		if s < t {
			n++
		}
	}
	return ratio(n, len(live))
}

// chooseLivenessThreshold picks the highest-scoring threshold that still keeps BPCER <= maxBPCER: as many
// attacks as possible go to review while at most maxBPCER of live users are sent there for liveness.
func chooseLivenessThreshold(r livenessRun, maxBPCER float64) float64 {
	cands := append([]float64(nil), r.live...)
	sort.Float64s(cands)
	best := 0.0
	for _, t := range cands {
		if bpcer(r.live, t) <= maxBPCER {
			best = t
		}
	}
	return best
}

func printLiveness(w io.Writer, r livenessRun, thresholds []float64) {
	fmt.Fprintf(w, "\n#### liveness model %s\n\n", r.model)
	fmt.Fprintf(w, "%d live photos with a face; attacks with a face: ", len(r.live))
	for _, k := range attacks.Kinds {
		fmt.Fprintf(w, "%s %d (+%d no face) ", k, len(r.attack[k]), r.missing[k])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "\n| scores (live-class probability) | min / p5 / p25 / median / p75 / p95 / max | mean |")
	fmt.Fprintln(w, "|---|---|---|")
	fmt.Fprintf(w, "| live photos | %s | %.3f |\n", quantiles(r.live), mean(r.live))
	for _, k := range attacks.Kinds {
		fmt.Fprintf(w, "| %s | %s | %.3f |\n", k, quantiles(r.attack[k]), mean(r.attack[k]))
	}
	fmt.Fprintln(w, "\n| live if score >= | BPCER | APCER all | "+kindsHeader()+" |")
	fmt.Fprintln(w, "|---|---|---|"+kindsRule()+"")
	for _, t := range thresholds {
		fmt.Fprintf(w, "| %.3f | %s | %s |", t, pct(bpcer(r.live, t)), pct(apcer(r.allAttacks(), t)))
		for _, k := range attacks.Kinds {
			fmt.Fprintf(w, " %s |", pct(apcer(r.attack[k], t)))
		}
		fmt.Fprintln(w)
	}
}

func kindsHeader() string {
	s := ""
	for i, k := range attacks.Kinds {
		if i > 0 {
			s += " | "
		}
		s += "APCER " + string(k)
	}
	return s
}

func kindsRule() string {
	s := ""
	for range attacks.Kinds {
		s += "---|"
	}
	return s
}

func mean(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
