package main

import (
	"context"
	"fmt"
	"io"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/testkit/attacks"
)

// livenessCandidates are the single models tried, each at its own crop scale (0) and at the two scales of
// the original MiniFASNet ensemble (2.7 and 4.0 times the face box).
var livenessCandidates = []struct {
	model face.LivenessModel
	scale float64
}{
	{face.LivenessMiniFASNet, 0}, {face.LivenessMiniFASNet, 2.7}, {face.LivenessMiniFASNet, 4.0},
	{face.LivenessFR, 0}, {face.LivenessFR, 4.0},
}

// evalLiveness scores every candidate and every MiniFASNet+fr_liveness fusion (mean probability), prints
// one line each at the threshold that keeps BPCER <= 10%, then the detailed tables of the models the code
// offers (MiniFASNet, fr_liveness and the fused model as built by face.OpenLiveness).
// livenessDeals is -deals: random deals of the people for the held-out liveness threshold.
var livenessDeals = 200

func evalLiveness(ctx context.Context, w io.Writer, cfg face.Config, set livenessSet) (map[face.LivenessModel]livenessRun, error) {
	var mini, fr []livenessRun
	for _, c := range livenessCandidates {
		checker, err := face.OpenLivenessAt(cfg, c.model, c.scale)
		if err != nil {
			return nil, err
		}
		run, err := scoreLiveness(ctx, checker, set)
		checker.Close()
		if err != nil {
			return nil, fmt.Errorf("liveness %s: %w", c.model, err)
		}
		if c.model == face.LivenessMiniFASNet {
			mini = append(mini, run)
		} else {
			fr = append(fr, run)
		}
	}
	all := append(append([]livenessRun(nil), mini...), fr...)
	if *livenessScoresOut != "" {
		if err := writeLivenessScores(*livenessScoresOut, all); err != nil {
			return nil, err
		}
	}
	for _, a := range mini {
		for _, b := range fr {
			all = append(all, fuse(a, b))
		}
	}
	fmt.Fprintf(w, "\n#### crop scales and fusions (mean of the two live-class probabilities)\n\n")
	fmt.Fprintf(w, "Threshold: the highest keeping BPCER <= %.0f%% on the live photos.\n\n", 100*maxBPCER)
	fmt.Fprintln(w, "| model | threshold | BPCER | APCER all | "+kindsHeader()+" |")
	fmt.Fprintln(w, "|---|---|---|---|"+kindsRule())
	for _, r := range all {
		t := chooseLivenessThreshold(r, maxBPCER)
		fmt.Fprintf(w, "| %s | %.3f | %s | %s |", r.model, t, pct(bpcer(r.live, t)), pct(apcer(r.allAttacks(), t)))
		for _, k := range attacks.Kinds {
			fmt.Fprintf(w, " %s |", pct(apcer(r.attack[k], t)))
		}
		fmt.Fprintln(w)
	}
	out := map[face.LivenessModel]livenessRun{}
	var offered []livenessRun
	shipped := map[string]float64{}
	for _, l := range []face.LivenessModel{face.LivenessMiniFASNet, face.LivenessFR, face.LivenessFused} {
		c := cfg
		c.Liveness = l
		checker, err := face.OpenLiveness(c)
		if err != nil {
			return nil, err
		}
		run, err := scoreLiveness(ctx, checker, set)
		checker.Close()
		if err != nil {
			return nil, fmt.Errorf("liveness %s: %w", l, err)
		}
		out[l] = run
		offered = append(offered, run)
		shipped[run.model] = face.DefaultBands(l).MinLiveness
		printLiveness(w, run, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9})
	}
	printLivenessHeldOut(w, offered, shipped, livenessDeals)
	if err := printLivenessRule(w, out[face.LivenessFused], shipped[out[face.LivenessFused].model], livenessDeals); err != nil {
		return nil, err
	}
	return out, nil
}

// fuse averages two runs over the same faces.
func fuse(a, b livenessRun) livenessRun {
	avg := func(x, y []float64) []float64 {
		out := make([]float64, len(x))
		for i := range x {
			out[i] = (x[i] + y[i]) / 2
		}
		return out
	}
	r := livenessRun{model: a.model + "+" + b.model, live: avg(a.live, b.live), attack: map[attacks.Kind][]float64{},
		missing: a.missing, liveID: a.liveID, attackID: a.attackID}
	for _, k := range attacks.Kinds {
		r.attack[k] = avg(a.attack[k], b.attack[k])
	}
	return r
}
