package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// The fixed deal of people into folds (sorted names, round-robin) is one draw: with 17 people the band's
// margin M rests on one or two impostor pairs, and a variant can gain or lose 10 points of held-out FNMR by
// which people share a fold. To compare variants, the protocol is repeated over many random deals (the same
// deals for every variant) and the FNMR averaged; each deal is still calibrated on some people and judged
// on the others.

// foldShuffle, when set, deals the identities in this order instead of sorted (see foldsOf).
var foldShuffle []string

func identitiesOf(cmp []labelled) []string {
	seen := map[string]bool{}
	var ids []string
	for _, c := range cmp {
		for _, id := range []string{c.cardID, c.selfieID} {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// readPairs reads a -pairs-out dump: variant name → comparisons in file order.
func readPairs(path string) (names []string, by map[string][]labelled, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	by = map[string][]labelled{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) != 5 {
			return nil, nil, fmt.Errorf("%s: bad line %q", path, sc.Text())
		}
		sim, err := strconv.ParseFloat(p[3], 64)
		if err != nil {
			return nil, nil, err
		}
		if by[p[0]] == nil {
			names = append(names, p[0])
		}
		by[p[0]] = append(by[p[0]], labelled{cardID: p[1], selfieID: p[2], sim: sim, ok: p[4] == "true"})
	}
	return names, by, sc.Err()
}

// printRepeated prints, for every variant of a dump, the fixed-deal and the repeated held-out figures.
func printRepeated(w io.Writer, path string, deals int) error {
	names, by, err := readPairs(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n#### held-out protocol over %d random deals of the people into %d folds (from %s)\n\n", deals, heldoutFolds, path)
	fmt.Fprintln(w, "| variant | d′ | equal-error / highest impostor similarity | fixed deal: margin M, FNMR / FMR | random deals: FNMR mean (sd) | impostors accepted, all deals | nested FNMR mean / impostors accepted | against the first row, same deals: FNMR difference mean (sd), deals lower / higher |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	var first []float64
	for i, n := range names {
		cmp := by[n]
		var p pairs
		for _, c := range cmp {
			p.add(c.cardID == c.selfieID, c.sim, c.ok)
		}
		s := summarize(heldOut(cmp))
		m, sd, fm, imp, nm, nfm, rates := repeatedRates(cmp, deals, 1, func() heldOutSummary { return summarize(heldOut(cmp)) })
		vs := "-"
		if i == 0 {
			first = rates
		} else if len(rates) == len(first) {
			vs = pairedDiff(rates, first)
		}
		fmt.Fprintf(w, "| %s | %.2f | %.3f / %.3f | %.3f, %s / %d of %d | %s (%s) | %d of %d | %s / %d | %s |\n", n, dprime(p), p.eer(),
			math.Nextafter(p.zeroFMR(), math.Inf(-1)), s.margin, pct(ratio(s.fnm, s.genuine)), s.fm, s.impostor, pct(m), pct(sd), fm, imp, pct(nm), nfm, vs)
	}
	return nil
}

// pairedDiff compares two variants deal by deal (the same deals, so the people's luck of the draw cancels):
// the mean and sd of the FNMR difference in points, and in how many deals the variant's FNMR was lower and
// higher than the reference's.
func pairedDiff(rates, ref []float64) string {
	d := make([]float64, len(rates))
	lower, higher := 0, 0
	for i := range rates {
		d[i] = rates[i] - ref[i]
		switch {
		case d[i] < 0:
			lower++
		case d[i] > 0:
			higher++
		}
	}
	m := mean(d)
	var v float64
	for _, x := range d {
		v += (x - m) * (x - m)
	}
	sd := math.Sqrt(v / math.Max(1, float64(len(d)-1)))
	return fmt.Sprintf("%+.1f (%.1f) points, %d / %d of %d", 100*m, 100*sd, lower, higher, len(d))
}
