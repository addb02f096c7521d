package main

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/face/onnx"
)

// Score normalisation without a cohort of stored third-party faces: every embedding is centred on a mean
// embedding before the cosine is taken. The embeddings of one population (here 17 similar-looking people)
// share a common direction that raises every cosine, impostors' as much as genuine pairs'; removing it is
// the cheapest normalisation there is (one stored 512-vector, no faces). "common" subtracts the mean of
// every picture, "per side" the mean of the cards from cards and of the selfies from selfies (a printed card
// and a selfie differ systematically). The means come from each fold's calibration people only, so the
// held-out people are judged with a mean their pictures did not enter.

// normaliseDeals is -normalise: random deals for the centred scores (0: not run).
var normaliseDeals int

// centredScorer returns, for the current deal (foldShuffle), fold f's comparisons with centred embeddings.
func centredScorer(run engineRun, perSide bool) func(f int) []labelled {
	fold, _ := foldsOf(run.labelled)
	cache := map[int][]labelled{}
	return func(f int) []labelled {
		if c, ok := cache[f]; ok {
			return c
		}
		var card, selfie []face.Embedding
		for i, id := range run.identity {
			if fold[id] == f {
				continue
			}
			for _, e := range []embedded{run.cardsClean[i], run.cardsDegraded[i]} {
				if e.emb != nil {
					card = append(card, e.emb)
				}
			}
			if run.selfies[i].emb != nil {
				selfie = append(selfie, run.selfies[i].emb)
			}
		}
		muCard, muSelfie := meanOf(card), meanOf(selfie)
		if !perSide {
			muCard = meanOf(append(append([]face.Embedding(nil), card...), selfie...))
			muSelfie = muCard
		}
		centre := func(e face.Embedding, mu []float64) []float32 {
			if e == nil {
				return nil
			}
			out := make([]float32, len(e))
			var n float64
			for i, x := range e {
				d := float64(x) - mu[i]
				out[i], n = float32(d), n+d*d
			}
			n = math.Sqrt(n)
			for i := range out {
				out[i] = float32(float64(out[i]) / n)
			}
			return out
		}
		sel := make([][]float32, len(run.selfies))
		for j, s := range run.selfies {
			sel[j] = centre(s.emb, muSelfie)
		}
		var out []labelled
		for i := range run.identity {
			cc, cd := centre(run.cardsClean[i].emb, muCard), centre(run.cardsDegraded[i].emb, muCard)
			for j := range run.identity {
				if j == i {
					continue
				}
				for _, c := range [][]float32{cc, cd} {
					l := labelled{cardID: run.identity[i], selfieID: run.identity[j]}
					if c != nil && sel[j] != nil {
						l.sim, l.ok = onnx.Cosine(c, sel[j]), true
					}
					out = append(out, l)
				}
			}
		}
		cache[f] = out
		return out
	}
}

func meanOf(es []face.Embedding) []float64 {
	if len(es) == 0 {
		return make([]float64, onnx.ArcFaceDim)
	}
	mu := make([]float64, len(es[0]))
	for _, e := range es {
		for i, x := range e {
			mu[i] += float64(x) / float64(len(es))
		}
	}
	return mu
}

// printCentred prints the raw and the two centred scores of one variant: fixed deal and random deals, with
// the nested impostor count, in the columns of printRepeated.
func printCentred(w io.Writer, name string, run engineRun, deals int) {
	fmt.Fprintf(w, "\n| %s: scores | fixed deal: margin M, FNMR / FMR | %d random deals: FNMR mean (sd) | impostors accepted, all deals | nested FNMR mean / impostors accepted |\n", name, deals)
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, sc := range []struct {
		name   string
		scorer func() func(int) []labelled
	}{
		{"raw cosine", func() func(int) []labelled { return func(int) []labelled { return run.labelled } }},
		{"centred, common mean", func() func(int) []labelled { return centredScorer(run, false) }},
		{"centred, per-side means", func() func(int) []labelled { return centredScorer(run, true) }},
	} {
		s := summarize(heldOutWith(run.labelled, sc.scorer()))
		m, sd, fm, imp, nm, nfm := repeatedWith(run.labelled, deals, 1, func() heldOutSummary {
			return summarize(heldOutWith(run.labelled, sc.scorer()))
		})
		fmt.Fprintf(w, "| %s | %.3f, %s / %d of %d | %s (%s) | %d of %d | %s / %d |\n", sc.name, s.margin,
			pct(ratio(s.fnm, s.genuine)), s.fm, s.impostor, pct(m), pct(sd), fm, imp, pct(nm), nfm)
	}
}

// repeatedWith runs the protocol of one deal, given by judge (called with foldShuffle set), over deals random
// deals (seeded) and returns the mean and sd of the pooled FNMR, the impostor pairs accepted over all deals,
// and the same for the nested variant.
func repeatedWith(cmp []labelled, deals int, seed uint64, judge func() heldOutSummary) (fnmr, sd float64, fm, impostors int, nestedFNMR float64, nestedFM int) {
	fnmr, sd, fm, impostors, nestedFNMR, nestedFM, _ = repeatedRates(cmp, deals, seed, judge)
	return fnmr, sd, fm, impostors, nestedFNMR, nestedFM
}

// repeatedRates is repeatedWith that also returns each deal's pooled FNMR, in deal order.
func repeatedRates(cmp []labelled, deals int, seed uint64, judge func() heldOutSummary) (fnmr, sd float64, fm, impostors int, nestedFNMR float64, nestedFM int, rates []float64) {
	ids := identitiesOf(cmp)
	r := rand.New(rand.NewPCG(seed, 17))
	var nested []float64
	for range deals {
		perm := append([]string(nil), ids...)
		r.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		foldShuffle = perm
		s := judge()
		foldShuffle = nil
		rates = append(rates, ratio(s.fnm, s.genuine))
		nested = append(nested, ratio(s.nestedFNM, s.genuine))
		fm, impostors, nestedFM = fm+s.fm, impostors+s.impostor, nestedFM+s.nestedFM
	}
	fnmr = mean(rates)
	for _, x := range rates {
		sd += (x - fnmr) * (x - fnmr)
	}
	return fnmr, math.Sqrt(sd / math.Max(1, float64(len(rates)-1))), fm, impostors, mean(nested), nestedFM, rates
}
