package main

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/enxtai/kyc/internal/testkit/attacks"
)

// Threshold rules for liveness, judged held out by person. A rule sees only its calibration people's
// samples (live photos and the attacks made from them) and returns a score function and a threshold; the
// held-out fold's people are judged at it. Some rules look inside their calibration people again (nested):
// they deal them into the outer folds other than the held-out one and learn a margin or a stricter target
// from those inner held-out folds, so the held-out fold never chooses anything about its own threshold.

// livSample is one live photo (kind "") or attack with every candidate model's score, in the runs' order.
type livSample struct {
	id   string
	kind attacks.Kind
	x    []float64
}

func (s livSample) live() bool { return s.kind == "" }

// samplesOf joins the candidate runs (same faces in the same order) into samples.
func samplesOf(runs []livenessRun) ([]livSample, []string, error) {
	var out []livSample
	names := make([]string, len(runs))
	for j, r := range runs {
		names[j] = r.model
	}
	add := func(kind attacks.Kind, ids []string, scores func(r livenessRun) []float64) error {
		for i, id := range ids {
			s := livSample{id: id, kind: kind, x: make([]float64, len(runs))}
			for j, r := range runs {
				v := scores(r)
				if len(v) != len(ids) {
					return fmt.Errorf("liveness runs %s and %s differ in %q samples", runs[0].model, r.model, kind)
				}
				s.x[j] = v[i]
			}
			out = append(out, s)
		}
		return nil
	}
	if err := add("", runs[0].liveID, func(r livenessRun) []float64 { return r.live }); err != nil {
		return nil, nil, err
	}
	for _, k := range attacks.Kinds {
		if err := add(k, runs[0].attackID[k], func(r livenessRun) []float64 { return r.attack[k] }); err != nil {
			return nil, nil, err
		}
	}
	return out, names, nil
}

// scoreFunc maps a sample's candidate scores to one liveness score (live if >= threshold).
type scoreFunc func(x []float64) float64

// livScorer is a fusion of the candidates, fixed or fitted on calibration samples.
type livScorer struct {
	name string
	fit  func(train []livSample) scoreFunc
}

func fixedScorer(name string, f scoreFunc) livScorer {
	return livScorer{name: name, fit: func([]livSample) scoreFunc { return f }}
}

// thresholdAt is the highest threshold among the live scores keeping BPCER <= target on them (as
// chooseLivenessThreshold).
func thresholdAt(live []float64, target float64) float64 {
	s := append([]float64(nil), live...)
	sort.Float64s(s)
	// rejected below s[i] = i photos
	best := 0.0
	for i, t := range s {
		if float64(i) <= target*float64(len(s))+1e-9 {
			best = t
		}
	}
	return best
}

func liveScores(train []livSample, f scoreFunc) []float64 {
	var v []float64
	for _, s := range train {
		if s.live() {
			v = append(v, f(s.x))
		}
	}
	return v
}

// livRule chooses a score function and a threshold from calibration samples; fold[i] is train[i]'s outer
// fold (for the nested rules' inner folds).
type livRule struct {
	name   string
	choose func(train []livSample, fold []int, sc livScorer) (scoreFunc, float64)
}

// targetRule: the highest threshold keeping BPCER <= target on the calibration live photos.
func targetRule(target float64) livRule {
	return livRule{name: fmt.Sprintf("BPCER <= %.0f%% on calibration", 100*target),
		choose: func(train []livSample, _ []int, sc livScorer) (scoreFunc, float64) {
			f := sc.fit(train)
			return f, thresholdAt(liveScores(train, f), target)
		}}
}

// innerFolds runs the 10% rule held out inside train (its outer folds as inner folds) and returns, per
// inner fold, its threshold and its live photos' scores.
func innerFolds(train []livSample, fold []int, sc livScorer) (ths []float64, live [][]float64) {
	seen := map[int]bool{}
	var gs []int
	for _, g := range fold {
		if !seen[g] {
			seen[g] = true
			gs = append(gs, g)
		}
	}
	sort.Ints(gs)
	for _, g := range gs {
		var calib []livSample
		for i, s := range train {
			if fold[i] != g {
				calib = append(calib, s)
			}
		}
		f := sc.fit(calib)
		ths = append(ths, thresholdAt(liveScores(calib, f), maxBPCER))
		var v []float64
		for i, s := range train {
			if fold[i] == g && s.live() {
				v = append(v, f(s.x))
			}
		}
		live = append(live, v)
	}
	return ths, live
}

// marginFor is the smallest M >= 0 such that judging each fold's live photos at its threshold minus M
// rejects at most maxBPCER of them pooled: the margin learned from held-out folds.
func marginFor(ths []float64, live [][]float64) float64 {
	var cands []float64
	n := 0
	for f, v := range live {
		n += len(v)
		for _, s := range v {
			if d := ths[f] - s; d > 0 {
				cands = append(cands, d)
			}
		}
	}
	sort.Float64s(cands)
	allowed := int(math.Floor(maxBPCER*float64(n) + 1e-9))
	// rejected at margin M: the live scores with ths-s > M; after admitting the i smallest gaps, len-i remain
	for i := 0; i <= len(cands); i++ {
		if len(cands)-i <= allowed {
			if i == 0 {
				return 0
			}
			return cands[i-1] + marginSlack
		}
	}
	return 0
}

// marginSlack keeps the photo a margin admits admitted despite rounding (th - (th - s) may fall just above s).
const marginSlack = 1e-9

// nestedMarginRule: the 10% threshold on all calibration people, lowered by the margin learned on their
// own inner held-out folds.
func nestedMarginRule() livRule {
	return livRule{name: "BPCER <= 10%, minus the margin of inner held-out folds (nested)",
		choose: func(train []livSample, fold []int, sc livScorer) (scoreFunc, float64) {
			m := marginFor(innerFolds(train, fold, sc))
			f := sc.fit(train)
			return f, thresholdAt(liveScores(train, f), maxBPCER) - m
		}}
}

// nestedTargetRule: the loosest calibration target (10%, 9%, ... 0%) whose inner held-out BPCER pooled
// stays <= 10%.
func nestedTargetRule() livRule {
	return livRule{name: "calibration target chosen on inner held-out folds (nested)",
		choose: func(train []livSample, fold []int, sc livScorer) (scoreFunc, float64) {
			target := 0.0
			for t := maxBPCER; t > 0; t -= 0.01 {
				rej, n := 0, 0
				for _, g := range sortedDistinct(fold) {
					var calib []livSample
					for i, s := range train {
						if fold[i] != g {
							calib = append(calib, s)
						}
					}
					f := sc.fit(calib)
					th := thresholdAt(liveScores(calib, f), t)
					for i, s := range train {
						if fold[i] == g && s.live() {
							n++
							if f(s.x) < th {
								rej++
							}
						}
					}
				}
				if ratio(rej, n) <= maxBPCER {
					target = t
					break
				}
			}
			f := sc.fit(train)
			return f, thresholdAt(liveScores(train, f), target)
		}}
}

// normalRule: the live scores' logits fitted by a normal distribution; the threshold is the 10% quantile
// of a new photo's score (prediction interval: Student t with n-1 degrees of freedom, widened by
// sqrt(1+1/n)).
func normalRule() livRule {
	return livRule{name: "10% quantile of a normal fit to the live logits (prediction)",
		choose: func(train []livSample, _ []int, sc livScorer) (scoreFunc, float64) {
			f := sc.fit(train)
			v := liveScores(train, f)
			var l []float64
			for _, s := range v {
				l = append(l, logit(s))
			}
			m := mean(l)
			sd := math.Sqrt(variance(l, m))
			n := float64(len(l))
			return f, sigmoid(m - studentT90(n-1)*sd*math.Sqrt(1+1/n))
		}}
}

// studentT90 approximates the 90% quantile of Student's t (Cornish-Fisher expansion around the normal's
// 1.2816; within 0.002 for 10 or more degrees of freedom).
func studentT90(df float64) float64 {
	z := 1.2815516
	return z + (z*z*z+z)/(4*df) + (5*math.Pow(z, 5)+16*z*z*z+3*z)/(96*df*df)
}

func logit(p float64) float64 {
	p = math.Min(math.Max(p, 1e-6), 1-1e-6)
	return math.Log(p / (1 - p))
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// ruleTally pools one deal's held-out judgement.
type ruleTally struct {
	live, rejected   int
	attack, accepted map[attacks.Kind]int
	ths              []float64
}

func (t ruleTally) bpcer() float64 { return ratio(t.rejected, t.live) }
func (t ruleTally) apcer() float64 {
	a, n := 0, 0
	for _, k := range attacks.Kinds {
		a, n = a+t.accepted[k], n+t.attack[k]
	}
	return ratio(a, n)
}

// heldOutRule judges every fold at the score and threshold chosen on the other folds. With bands set,
// it instead judges each fold at its 10% threshold lowered by the margin M that brings the pooled held-out
// BPCER of this very deal to <= 10% (the face bands' way: M from held-out folds, not nested).
func heldOutRule(samples []livSample, fold map[string]int, k int, sc livScorer, rule livRule, bands bool) (ruleTally, float64) {
	t := ruleTally{attack: map[attacks.Kind]int{}, accepted: map[attacks.Kind]int{}}
	fs := make([]scoreFunc, k)
	ths := make([]float64, k)
	live := make([][]float64, k)
	for f := range k {
		var train []livSample
		var tf []int
		for _, s := range samples {
			if g := fold[s.id]; g != f {
				train, tf = append(train, s), append(tf, g)
			}
		}
		fs[f], ths[f] = rule.choose(train, tf, sc)
		for _, s := range samples {
			if fold[s.id] == f && s.live() {
				live[f] = append(live[f], fs[f](s.x))
			}
		}
	}
	m := 0.0
	if bands {
		m = marginFor(ths, live)
	}
	for f := range k {
		th := ths[f] - m
		t.ths = append(t.ths, th)
		for _, s := range samples {
			if fold[s.id] != f {
				continue
			}
			pass := fs[f](s.x) >= th
			if s.live() {
				t.live++
				if !pass {
					t.rejected++
				}
				continue
			}
			t.attack[s.kind]++
			if pass {
				t.accepted[s.kind]++
			}
		}
	}
	return t, m
}

// ruleSummary is a rule's figures over random deals.
type ruleSummary struct {
	bp, ap, margin  []float64
	fam             map[attacks.Kind]float64
	overB, overA    int
	thMin, thMax    float64
	fixed           ruleTally // the fixed sorted deal
	fixedMargin     float64
	shipped         float64 // the rule applied to every person (inner folds: the fixed deal)
	shippedFunction scoreFunc
}

func summarizeRule(samples []livSample, ids []string, deals int, sc livScorer, rule livRule, bands bool) ruleSummary {
	s := ruleSummary{fam: map[attacks.Kind]float64{}, thMin: math.Inf(1), thMax: math.Inf(-1)}
	rng := rand.New(rand.NewPCG(1, 17)) // the deals of printLivenessDeals
	for range deals {
		perm := append([]string(nil), ids...)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		fold, n := dealFolds(perm, heldoutFolds)
		t, m := heldOutRule(samples, fold, n, sc, rule, bands)
		s.bp, s.ap, s.margin = append(s.bp, t.bpcer()), append(s.ap, t.apcer()), append(s.margin, m)
		if t.bpcer() > maxBPCER {
			s.overB++
		}
		if t.apcer() > maxAPCER {
			s.overA++
		}
		for _, k := range attacks.Kinds {
			s.fam[k] += ratio(t.accepted[k], t.attack[k]) / float64(deals)
		}
		for _, th := range t.ths {
			s.thMin, s.thMax = math.Min(s.thMin, th), math.Max(s.thMax, th)
		}
	}
	fold, n := dealFolds(ids, heldoutFolds)
	s.fixed, s.fixedMargin = heldOutRule(samples, fold, n, sc, rule, bands)
	// every person: the outer folds of the fixed deal serve as the nested rules' inner folds
	var all []int
	for _, x := range samples {
		all = append(all, fold[x.id])
	}
	s.shippedFunction, s.shipped = rule.choose(samples, all, sc)
	if bands {
		s.shipped -= s.fixedMargin
	}
	return s
}

// maxAPCER is issue 17's target for attacks passed at the chosen threshold.
const maxAPCER = 0.08

func sdOf(v []float64) float64 { return math.Sqrt(variance(v, mean(v))) }

// printLivenessRules prints every (fusion, rule) pair's held-out figures over deals random deals.
func printLivenessRules(w io.Writer, runs []livenessRun, deals int) error {
	samples, names, err := samplesOf(runs)
	if err != nil {
		return err
	}
	ids := sortedDistinct(runs[0].liveID)
	nLive := 0
	for _, s := range samples {
		if s.live() {
			nLive++
		}
	}
	fmt.Fprintf(w, "\n#### liveness threshold rules held out (%d folds by person, %d random deals; %d live photos of %d people, %d attacks)\n\n",
		heldoutFolds, deals, nLive, len(ids), len(samples)-nLive)
	fmt.Fprintln(w, "| fusion | rule | threshold, all people | BPCER mean (sd) | deals BPCER > 10% | APCER mean (sd) | deals APCER > 8% | "+
		strings.ReplaceAll(kindsHeader(), "APCER ", "")+" | fixed deal BPCER / APCER | thresholds held out |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|"+kindsRule()+"---|---|")
	for _, sc := range livenessScorers(names) {
		for _, r := range livenessRuleList() {
			for _, bands := range []bool{false, true} {
				if bands && r.name != targetRule(maxBPCER).name {
					continue
				}
				name := r.name
				if bands {
					name = "BPCER <= 10%, minus the margin M of the deal's own held-out folds (bands' way, not nested)"
				}
				s := summarizeRule(samples, ids, deals, sc, r, bands)
				var cells []string
				for _, k := range attacks.Kinds {
					cells = append(cells, pct(s.fam[k]))
				}
				extra := ""
				if bands {
					extra = fmt.Sprintf(" (M fixed deal %.3f, mean %.3f, max %.3f)", s.fixedMargin, mean(s.margin), maxOf(s.margin))
				}
				fmt.Fprintf(w, "| %s | %s%s | %.3f | %s (%s) | %d | %s (%s) | %d | %s | %s / %s | %.3f-%.3f |\n",
					sc.name, name, extra, s.shipped, pct(mean(s.bp)), pct(sdOf(s.bp)), s.overB, pct(mean(s.ap)), pct(sdOf(s.ap)), s.overA,
					strings.Join(cells, " | "), pct(s.fixed.bpcer()), pct(s.fixed.apcer()), s.thMin, s.thMax)
			}
		}
	}
	return nil
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

func livenessRuleList() []livRule {
	return []livRule{targetRule(0.10), targetRule(0.07), targetRule(0.05),
		nestedMarginRule(), nestedTargetRule(), normalRule(), conformalRule()}
}

// livenessScorers: the shipped fusion (mean of MiniFASNet at 1.5 and fr_liveness at 4.0) and its
// alternatives, where the candidates are present.
func livenessScorers(names []string) []livScorer {
	at := map[string]int{}
	for j, n := range names {
		at[n] = j
	}
	var out []livScorer
	a, okA := at["minifasnet-v2se"]
	b, okB := at["fr-liveness@4"]
	if okA && okB {
		out = append(out, fixedScorer("mean(minifasnet, fr@4) (shipped)", func(x []float64) float64 { return (x[a] + x[b]) / 2 }))
		out = append(out, fixedScorer("mean of logits(minifasnet, fr@4)", func(x []float64) float64 {
			return sigmoid((logit(x[a]) + logit(x[b])) / 2)
		}))
		out = append(out, weightedScorer("weighted mean(minifasnet, fr@4), weight fitted", a, b))
		out = append(out, logisticScorer("logistic(logits minifasnet, fr@4)", []int{a, b}))
	}
	var all []int
	for j := range names {
		all = append(all, j)
	}
	out = append(out, logisticScorer("logistic(logits of all "+fmt.Sprint(len(names))+" candidates)", all))
	return out
}

// logisticScorer fits a logistic regression of live (1) vs attack (0) on the candidates' logits (classes
// weighted equally, ridge 1; fitBalancedLogistic).
func logisticScorer(name string, cols []int) livScorer {
	feat := func(x []float64) []float64 {
		z := make([]float64, len(cols))
		for c, j := range cols {
			z[c] = logit(x[j])
		}
		return z
	}
	return livScorer{name: name, fit: func(train []livSample) scoreFunc {
		xs := make([][]float64, len(train))
		ys := make([]bool, len(train))
		for i, s := range train {
			xs[i], ys[i] = feat(s.x), s.live()
		}
		m := fitBalancedLogistic(xs, ys, 1)
		return func(x []float64) float64 { return m.prob(feat(x)) }
	}}
}

// conformalRule: under exchangeable photos, a new photo falls below the j-th lowest of n calibration
// scores with probability j/(n+1); the threshold is the j-th lowest with j = floor(0.1(n+1)), so the
// expected held-out BPCER is <= 10% (people, not photos, are the exchangeable units here).
func conformalRule() livRule {
	return livRule{name: "conformal: the floor(0.1(n+1))-th lowest calibration live score",
		choose: func(train []livSample, _ []int, sc livScorer) (scoreFunc, float64) {
			f := sc.fit(train)
			v := liveScores(train, f)
			sort.Float64s(v)
			j := int(math.Floor(maxBPCER * float64(len(v)+1)))
			return f, v[max(j-1, 0)]
		}}
}

// weightedScorer: w*a + (1-w)*b with w (0, 0.1, ... 1) chosen on the calibration samples: the lowest
// APCER at the calibration 10% threshold, ties to the weight nearest 0.5.
func weightedScorer(name string, a, b int) livScorer {
	return livScorer{name: name, fit: func(train []livSample) scoreFunc {
		bestW, bestA := 0.5, math.Inf(1)
		for i := 0; i <= 10; i++ {
			w := float64(i) / 10
			f := func(x []float64) float64 { return w*x[a] + (1-w)*x[b] }
			th := thresholdAt(liveScores(train, f), maxBPCER)
			pass, n := 0, 0
			for _, s := range train {
				if !s.live() {
					n++
					if f(s.x) >= th {
						pass++
					}
				}
			}
			ap := ratio(pass, n)
			if ap < bestA-1e-12 || (math.Abs(ap-bestA) <= 1e-12 && math.Abs(w-0.5) < math.Abs(bestW-0.5)) {
				bestW, bestA = w, ap
			}
		}
		return func(x []float64) float64 { return bestW*x[a] + (1-bestW)*x[b] }
	}}
}

// livenessRuleShipped names the rule whose threshold the code carries for the fused model (bench/face.md,
// fourth pass): the 10% threshold lowered by the margin learned from held-out folds.
var livenessRuleShipped = nestedMarginRule()

// printLivenessRule prints the shipped rule's figures for one model's scores: held out with the margin
// nested (each fold's margin learned from the other folds only) and the bands' way (one margin per deal
// from all its held-out folds, BPCER <= 10% by construction), over random deals, the fixed deal and one
// fold per person; then the threshold the rule proposes on every person beside the code's.
func printLivenessRule(w io.Writer, r livenessRun, code float64, deals int) error {
	samples, _, err := samplesOf([]livenessRun{r})
	if err != nil {
		return err
	}
	sc := fixedScorer(r.model, func(x []float64) float64 { return x[0] })
	ids := sortedDistinct(r.liveID)
	rule := livenessRuleShipped
	shipped := 0.0
	fmt.Fprintf(w, "\n#### liveness rule of the code, held out: %s\n\n", r.model)
	fmt.Fprintf(w, "Rule: the highest threshold keeping BPCER <= %.0f%% on the calibration people's live photos, lowered by the\n", 100*maxBPCER)
	fmt.Fprintln(w, "margin M that brings their own inner held-out folds' pooled BPCER to <= 10% (nested: the judged fold chooses nothing).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| protocol | BPCER | APCER all | "+kindsHeader()+" | thresholds held out |")
	fmt.Fprintln(w, "|---|---|---|"+kindsRule()+"---|")
	row := func(name string, bp, ap string, fam func(k attacks.Kind) float64, thMin, thMax float64) {
		fmt.Fprintf(w, "| %s | %s | %s |", name, bp, ap)
		for _, k := range attacks.Kinds {
			fmt.Fprintf(w, " %s |", pct(fam(k)))
		}
		fmt.Fprintf(w, " %.3f-%.3f |\n", thMin, thMax)
	}
	for _, bands := range []bool{false, true} {
		rule := rule
		if bands {
			rule = targetRule(maxBPCER) // the margin applies once, to the plain 10% threshold
		}
		s := summarizeRule(samples, ids, deals, sc, rule, bands)
		name := "nested margin"
		if bands {
			name = fmt.Sprintf("the bands' way, M from the deal's own held-out folds (BPCER <= 10%% by construction; M mean %.3f, max %.3f)",
				mean(s.margin), maxOf(s.margin))
		}
		row(fmt.Sprintf("%s, %d folds by person, %d random deals: mean (sd); median / 90th percentile BPCER %s / %s, APCER %s / %s; deals with BPCER > 10%%: %d, APCER > 8%%: %d",
			name, heldoutFolds, deals, pct(quantileOf(s.bp, 0.5)), pct(quantileOf(s.bp, 0.9)), pct(quantileOf(s.ap, 0.5)), pct(quantileOf(s.ap, 0.9)), s.overB, s.overA),
			fmt.Sprintf("%s (%s)", pct(mean(s.bp)), pct(sdOf(s.bp))), fmt.Sprintf("%s (%s)", pct(mean(s.ap)), pct(sdOf(s.ap))),
			func(k attacks.Kind) float64 { return s.fam[k] }, s.thMin, s.thMax)
		if bands {
			continue
		}
		for _, k := range []int{heldoutFolds, 0} {
			fold, n := dealFolds(ids, k)
			t, _ := heldOutRule(samples, fold, n, sc, rule, false)
			label := fmt.Sprintf("nested margin, %d folds by person, fixed deal", n)
			if k == 0 {
				label = fmt.Sprintf("nested margin, leave one person out (%d folds)", n)
			}
			a, na := 0, 0
			for _, kk := range attacks.Kinds {
				a, na = a+t.accepted[kk], na+t.attack[kk]
			}
			row(label, fmt.Sprintf("%s (%d/%d)", pct(t.bpcer()), t.rejected, t.live), fmt.Sprintf("%s (%d/%d)", pct(t.apcer()), a, na),
				func(kk attacks.Kind) float64 { return ratio(t.accepted[kk], t.attack[kk]) }, minOf(t.ths), maxOf(t.ths))
		}
		shipped = s.shipped
	}
	fmt.Fprintf(w, "\nthe rule on every person (inner folds: the fixed deal): threshold %.4f (the 10%% threshold %.4f minus M %.4f); built into the code: %.3f\n",
		shipped, thresholdAt(r.live, maxBPCER), thresholdAt(r.live, maxBPCER)-shipped, code)
	all := judgeAll(r, code)
	fmt.Fprintf(w, "at the code's threshold on every photo: BPCER %s (%d/%d), APCER %s (%d/%d)\n", pct(all.bpcer()), all.rejected, all.live,
		pct(all.apcer()), all.allPass, all.allAttack)
	fmt.Fprintln(w, "\nThe trade-off at fixed thresholds on every photo (not held out: it shows where the live and attack scores lie):")
	fmt.Fprintln(w, "\n| live if score >= | BPCER | APCER all | "+kindsHeader()+" |")
	fmt.Fprintln(w, "|---|---|---|"+kindsRule())
	for _, th := range []float64{0.6, 0.65, 0.7, 0.74, code, 0.767, 0.775, 0.8} {
		t := judgeAll(r, th)
		fmt.Fprintf(w, "| %.3f | %s (%d/%d) | %s (%d/%d) |", th, pct(t.bpcer()), t.rejected, t.live, pct(t.apcer()), t.allPass, t.allAttack)
		for _, k := range attacks.Kinds {
			fmt.Fprintf(w, " %s |", pct(ratio(t.accepted[k], t.attack[k])))
		}
		fmt.Fprintln(w)
	}
	return nil
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

// quantileOf is the q-quantile of v (nearest rank).
func quantileOf(v []float64, q float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[int(math.Round(q*float64(len(s)-1)))]
}
