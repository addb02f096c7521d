package main

import (
	"fmt"
	"io"
	"math"
	"sort"
)

// pairs holds the similarities of same-person (genuine) and different-person (impostor) comparisons, plus
// the comparisons that could not be made because a face was not found (they count as non-matches).
type pairs struct {
	genuine, impostor          []float64
	genuineMissing, impMissing int
}

func (p *pairs) add(same bool, sim float64, ok bool) {
	switch {
	case same && ok:
		p.genuine = append(p.genuine, sim)
	case same:
		p.genuineMissing++
	case ok:
		p.impostor = append(p.impostor, sim)
	default:
		p.impMissing++
	}
}

func (p *pairs) merge(q pairs) {
	p.genuine = append(p.genuine, q.genuine...)
	p.impostor = append(p.impostor, q.impostor...)
	p.genuineMissing += q.genuineMissing
	p.impMissing += q.impMissing
}

// rates at threshold t (accept when sim >= t): FMR over all impostor pairs, FNMR over all genuine pairs
// including those without a face.
func (p pairs) rates(t float64) (fmr, fnmr float64, fm, fnm int) {
	for _, s := range p.impostor {
		if s >= t {
			fm++
		}
	}
	for _, s := range p.genuine {
		if s < t {
			fnm++
		}
	}
	fnm += p.genuineMissing
	ni, ng := len(p.impostor)+p.impMissing, len(p.genuine)+p.genuineMissing
	return ratio(fm, ni), ratio(fnm, ng), fm, fnm
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// zeroFMR is the smallest threshold above every impostor similarity.
func (p pairs) zeroFMR() float64 {
	mx := math.Inf(-1)
	for _, s := range p.impostor {
		mx = math.Max(mx, s)
	}
	return math.Nextafter(mx, math.Inf(1))
}

// eer returns the threshold where FMR and FNMR are closest.
func (p pairs) eer() float64 {
	cands := append(append([]float64(nil), p.genuine...), p.impostor...)
	sort.Float64s(cands)
	best, bestGap := 0.0, math.Inf(1)
	for _, t := range cands {
		fmr, fnmr, _, _ := p.rates(t)
		if g := math.Abs(fmr - fnmr); g < bestGap {
			best, bestGap = t, g
		}
	}
	return best
}

func quantiles(v []float64) string {
	if len(v) == 0 {
		return "n/a"
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	q := func(f float64) float64 { return s[int(math.Round(f*float64(len(s)-1)))] }
	return fmt.Sprintf("%.3f / %.3f / %.3f / %.3f / %.3f / %.3f / %.3f",
		s[0], q(0.05), q(0.25), q(0.5), q(0.75), q(0.95), s[len(s)-1])
}

// printPairs writes the distribution table and FMR/FNMR at the candidate thresholds.
func printPairs(w io.Writer, title string, p pairs, thresholds []float64) {
	fmt.Fprintf(w, "\n#### %s\n\n", title)
	fmt.Fprintf(w, "%d genuine pairs (%d without a face on one side), %d impostor pairs (%d without a face)\n\n",
		len(p.genuine)+p.genuineMissing, p.genuineMissing, len(p.impostor)+p.impMissing, p.impMissing)
	fmt.Fprintln(w, "| pairs | min / p5 / p25 / median / p75 / p95 / max |")
	fmt.Fprintln(w, "|---|---|")
	fmt.Fprintf(w, "| same person | %s |\n| different people | %s |\n\n", quantiles(p.genuine), quantiles(p.impostor))
	fmt.Fprintln(w, "| accept if similarity >= | FMR | FNMR |")
	fmt.Fprintln(w, "|---|---|---|")
	for _, t := range thresholds {
		fmr, fnmr, fm, fnm := p.rates(t)
		fmt.Fprintf(w, "| %.3f | %s (%d) | %s (%d) |\n", t, pct(fmr), fm, pct(fnmr), fnm)
	}
	z := p.zeroFMR()
	_, fnmr, _, _ := p.rates(z)
	e := p.eer()
	efmr, efnmr, _, _ := p.rates(e)
	fmt.Fprintf(w, "\nzero-FMR threshold %.3f: FNMR %s; equal-error threshold %.3f: FMR %s, FNMR %s\n",
		z, pct(fnmr), e, pct(efmr), pct(efnmr))
}

func pct(f float64) string {
	if math.IsNaN(f) {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*f)
}
