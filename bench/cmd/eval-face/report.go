package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/enxtai/kyc/internal/face"
)

// candidate thresholds printed per engine (similarity units).
var candidates = map[face.Engine][]float64{
	face.EngineArcFace: {0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60},
	face.EngineDlib:    {1 - 0.60, 1 - 0.55, 1 - 0.50, 1 - 0.45, 1 - 0.40, 1 - 0.35, 1 - 0.30},
}

func printEngine(w io.Writer, r engineRun) {
	unit := "cosine similarity"
	if r.engine == face.EngineDlib {
		unit = "similarity = 1 − Euclidean distance (dlib's 0.6 distance = 0.4 here)"
	}
	fmt.Fprintf(w, "\n### Engine %s (%s)\n", r.engine, unit)
	fmt.Fprintf(w, "\nno face found in selfies: %v; cards without a face: %d of %d\n",
		r.noFaceSelfies, r.noFaceCards, len(r.cardsClean)+len(r.cardsDegraded))
	th := candidates[r.engine]
	printPairs(w, "photo vs photo", r.photoVsPhoto, th)
	printPairs(w, "card vs selfie, clean cards", r.cardClean, th)
	printPairs(w, "card vs selfie, degraded cards (rotate, blur, noise, jpeg40, small, lighting, background in turn)", r.cardDegraded, th)
	printPairs(w, "card vs selfie, all cards (calibration set)", r.cardVsSelfie(), th)
}

// calibrationMargin is the least margin added to the highest impostor similarity to place the auto-approve
// anchor; the held-out protocol's largest fold gap replaces it when larger.
const calibrationMargin = 0.02

func proposedCalibration(r engineRun) face.Calibration {
	p := r.cardVsSelfie()
	margin := math.Max(calibrationMargin, r.heldOut.margin)
	return face.Calibration{Review: round3(p.eer()), AutoApprove: round3(p.zeroFMR() + margin)}
}

func round3(x float64) float64 { return math.Ceil(x*1000) / 1000 }

// maxBPCER bounds the live users a liveness threshold may send to review.
const maxBPCER = 0.10

func printChoice(w io.Writer, runs map[face.Engine]engineRun, lruns map[face.LivenessModel]livenessRun, set livenessSet) {
	fmt.Fprintf(w, "\n### Choice and calibrated bands\n\n")
	fmt.Fprintln(w, "| engine | zero-FMR threshold (card vs selfie) | FNMR there | proposed calibration (review / auto-approve) | built into the code |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	best, bestFNMR := face.Engine(""), math.Inf(1)
	for _, e := range []face.Engine{face.EngineArcFace, face.EngineDlib} {
		r := runs[e]
		p := r.cardVsSelfie()
		z := p.zeroFMR()
		_, fnmr, _, _ := p.rates(z)
		pc := proposedCalibration(r)
		fmt.Fprintf(w, "| %s | %.3f | %s | %.3f / %.3f | %.3f / %.3f |\n", e, z, pct(fnmr), pc.Review, pc.AutoApprove,
			r.calibration.Review, r.calibration.AutoApprove)
		if fnmr < bestFNMR {
			best, bestFNMR = e, fnmr
		}
	}
	fmt.Fprintf(w, "\nchosen engine: **%s** (lowest FNMR at zero FMR on card-vs-selfie)\n", best)

	r := runs[best]
	c := r.calibration
	auto, review := c.Similarity(face.ScoreAtAutoApprove), c.Similarity(face.ScoreAtReview)
	fmt.Fprintf(w, "\nBands of the code (FaceMatchScore %.1f auto-approve = similarity %.3f; %.1f review = similarity %.3f):\n\n",
		face.ScoreAtAutoApprove, auto, face.ScoreAtReview, review)
	fmt.Fprintln(w, "| pairs | FMR at auto-approve | FNMR at auto-approve | FMR at review | FNMR at review |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, s := range []struct {
		name string
		p    pairs
	}{{"photo vs photo", r.photoVsPhoto}, {"card vs selfie, clean", r.cardClean},
		{"card vs selfie, degraded", r.cardDegraded}, {"card vs selfie, all", r.cardVsSelfie()}} {
		af, an, afm, anm := s.p.rates(auto)
		rf, rn, rfm, rnm := s.p.rates(review)
		fmt.Fprintf(w, "| %s | %s (%d) | %s (%d) | %s (%d) | %s (%d) |\n", s.name, pct(af), afm, pct(an), anm, pct(rf), rfm, pct(rn), rnm)
	}

	fmt.Fprintf(w, "\nLiveness thresholds: the highest with BPCER <= %.0f%% on the live photos\n\n", 100*maxBPCER)
	fmt.Fprintln(w, "| model | threshold | BPCER | APCER (all attacks) | built into the code |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	bestL, bestA := face.LivenessModel(""), math.Inf(1)
	for _, l := range []face.LivenessModel{face.LivenessMiniFASNet, face.LivenessFR, face.LivenessFused} {
		lr := lruns[l]
		t := chooseLivenessThreshold(lr, maxBPCER)
		a := apcer(lr.allAttacks(), t)
		fmt.Fprintf(w, "| %s | %.3f | %s | %s | %.3f |\n", l, t, pct(bpcer(lr.live, t)), pct(a), face.DefaultBands(l).MinLiveness)
		if a < bestA {
			bestL, bestA = l, a
		}
	}
	fmt.Fprintf(w, "\nbest liveness model on these attacks: **%s**; default in the code: **%s**\n", bestL, face.DefaultConfig().Liveness)
	def := face.DefaultConfig()
	printEndToEnd(w, runs[def.Engine], lruns[def.Liveness], set)
}

// printEndToEnd applies the default Bands to every card-vs-selfie pair as the Verifier would (faces, match,
// liveness of the selfie) and counts auto-approvals and review reasons.
func printEndToEnd(w io.Writer, r engineRun, lr livenessRun, set livenessSet) {
	cfg := face.DefaultConfig()
	bands := cfg.Bands
	liveByPhoto := map[int]float64{}
	k := 0
	for i, e := range set.live {
		if e.faces > 0 {
			liveByPhoto[i] = lr.live[k]
			k++
		}
	}
	type tally struct{ n, approved int }
	var gen, imp tally
	reasons := map[face.Reason]int{}
	for _, cards := range [][]embedded{r.cardsClean, r.cardsDegraded} {
		for i := range cards {
			for j := range r.selfies {
				if i == j {
					continue
				}
				m := face.Measurement{Engine: r.engine, CardFaces: cards[i].faces, SelfieFaces: min(1, r.selfies[j].faces),
					CardQuality: cards[i].q, SelfieQuality: r.selfies[j].q}
				if cards[i].emb != nil && r.selfies[j].emb != nil {
					sim := r.similarity(cards[i].emb, r.selfies[j].emb)
					score := r.calibration.Score(sim)
					m.Similarity, m.FaceMatchScore = &sim, &score
				}
				if s, ok := liveByPhoto[j]; ok {
					m.LivenessModel, m.LivenessScore = lr.model, &s
				}
				d := bands.Decide(m)
				t := &imp
				if r.identity[i] == r.identity[j] {
					t = &gen
				}
				t.n++
				if d.AutoApprove {
					t.approved++
				}
				for _, reason := range d.Reasons {
					reasons[reason]++
				}
			}
		}
	}
	fmt.Fprintf(w, "\nEnd to end with DefaultConfig (engine %s, liveness %s, bands %+v) on all card-vs-selfie pairs:\n",
		cfg.Engine, cfg.Liveness, bands)
	fmt.Fprintf(w, "same person auto-approved %d of %d (%s); different people auto-approved %d of %d (%s)\n",
		gen.approved, gen.n, pct(ratio(gen.approved, gen.n)), imp.approved, imp.n, pct(ratio(imp.approved, imp.n)))
	var rs []string
	for _, reason := range []face.Reason{face.ReasonNoFaceOnCard, face.ReasonNoFaceInSelfie, face.ReasonFaceMismatch,
		face.ReasonFaceMatchLow, face.ReasonFaceQualityLow, face.ReasonLivenessUnavailable, face.ReasonLivenessLow} {
		rs = append(rs, fmt.Sprintf("%s %d", reason, reasons[reason]))
	}
	fmt.Fprintf(w, "review reasons over those pairs: %s\n", strings.Join(rs, ", "))
}
