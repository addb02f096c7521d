package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// report prints, per document type and family, a table of variants x fields
// (% exact match); then a summary of the weakest key field per family and
// variant, with the held-out families apart; then the latency table.
func report(w io.Writer, results []cardResult, o options) {
	for _, held := range []bool{false, true} {
		if held {
			fmt.Fprintf(w, "## held-out families (no parser or pass tuned on them)\n\n")
		}
		for _, doc := range o.docs {
			for _, fam := range o.familiesOf(doc) {
				if cardkit.HeldOut[fam] == held {
					familyTable(w, results, o, doc, fam)
				}
			}
		}
	}
	fmt.Fprintf(w, "## every family\n\n")
	wholeCards(w, results, o)
	summary(w, results, o)
	fmt.Fprintf(w, "### read latency per card (preprocessing + OCR passes + parsing, %d worker(s))\n\n", o.workers)
	fmt.Fprintf(w, "| variant | wall p50 ms | wall p95 ms | wall max ms | CPU p50 ms | CPU p95 ms |\n|---|---|---|---|---|---|\n")
	var all, allCPU, flat, flatCPU []time.Duration
	for _, v := range o.variants {
		var ds, cpu []time.Duration
		for _, r := range results {
			if r.variant == v {
				ds, cpu = append(ds, r.total), append(cpu, r.cpu)
			}
		}
		all, allCPU = append(all, ds...), append(allCPU, cpu...)
		if v != cardkit.Photographed {
			flat, flatCPU = append(flat, ds...), append(flatCPU, cpu...)
		}
		writeLatency(w, string(v), ds, cpu, o.workers == 1)
	}
	writeLatency(w, "all but photographed", flat, flatCPU, o.workers == 1)
	writeLatency(w, "**all**", all, allCPU, o.workers == 1)
	if o.workers != 1 {
		fmt.Fprintln(w, "\nCPU per card is only measured with -workers 1.")
	}
}

func familyTable(w io.Writer, results []cardResult, o options, doc cardkit.Doc, fam string) {
	fields := fieldOrder[doc]
	note := ""
	if cardkit.HeldOut[fam] {
		note = ", held out"
	}
	fmt.Fprintf(w, "### %s: %s (%% exact match, n=%d per variant%s)\n\n", label(doc), fam, o.n, note)
	fmt.Fprintf(w, "| variant | %s | passes/card |\n|---|%s---|\n", strings.Join(fields, " | "), strings.Repeat("---|", len(fields)))
	for _, v := range o.variants {
		rs := filter(results, doc, fam, v)
		if len(rs) == 0 {
			continue
		}
		fmt.Fprintf(w, "| %s |", v)
		for _, f := range fields {
			fmt.Fprintf(w, " %.1f |", rate(rs, f))
		}
		passes := 0
		for _, r := range rs {
			passes += r.passes
		}
		fmt.Fprintf(w, " %.2f |\n", float64(passes)/float64(len(rs)))
	}
	fmt.Fprintln(w)
}

// summary: per family (rows) and variant (columns), the lowest exact rate
// over the key fields.
func summary(w io.Writer, results []cardResult, o options) {
	fmt.Fprintf(w, "### weakest key field per family and variant (%% exact; key fields: PAN number, name, DOB; Aadhaar masked number and last 4, name, DOB; back: number, last 4, PIN)\n\n")
	variantHeader(w, "family", o)
	for _, doc := range o.docs {
		for _, fam := range o.familiesOf(doc) {
			name := label(doc) + ": " + fam
			if cardkit.HeldOut[fam] {
				name += " (held out)"
			}
			fmt.Fprintf(w, "| %s |", name)
			for _, v := range o.variants {
				rs := filter(results, doc, fam, v)
				low := 100.0
				for _, f := range keyFields[doc] {
					low = min(low, rate(rs, f))
				}
				fmt.Fprintf(w, " %.1f |", low)
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintln(w)
}

// wholeCards: per variant, the share of cards with every key field exact,
// which is what the targets are checked against, over every family, the
// tuned ones and the held-out ones, with its 95% Wilson interval: a held-out
// cell of 60 cards moves 1.7 points a card, and the interval says how far
// the rate under it may be.
func wholeCards(w io.Writer, results []cardResult, o options) {
	fmt.Fprintf(w, "### cards with every key field exact (%%, cards, 95%% interval)\n\n")
	variantHeader(w, "families", o)
	for _, row := range []struct {
		name string
		in   func(fam string) bool
	}{
		{"all", func(string) bool { return true }},
		{"tuned", func(fam string) bool { return !cardkit.HeldOut[fam] }},
		{"held out", func(fam string) bool { return cardkit.HeldOut[fam] }},
	} {
		fmt.Fprintf(w, "| %s |", row.name)
		for _, v := range o.variants {
			ok, n := 0, 0
			for _, r := range results {
				if r.variant != v || !row.in(r.family) {
					continue
				}
				n++
				if keyFieldsExact(r) {
					ok++
				}
			}
			if n == 0 {
				fmt.Fprintf(w, " - |")
				continue
			}
			lo, hi := wilson(ok, n)
			fmt.Fprintf(w, " %.1f (%d/%d, %.1f-%.1f) |", 100*float64(ok)/float64(n), ok, n, 100*lo, 100*hi)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}

// variantHeader starts a table with a column per variant.
func variantHeader(w io.Writer, first string, o options) {
	head := make([]string, len(o.variants))
	for i, v := range o.variants {
		head[i] = string(v)
	}
	fmt.Fprintf(w, "| %s | %s |\n|---|%s\n", first, strings.Join(head, " | "), strings.Repeat("---|", len(head)))
}

func keyFieldsExact(r cardResult) bool {
	for _, f := range keyFields[r.doc] {
		if !r.fields[f] {
			return false
		}
	}
	return true
}

// wilson is the 95% Wilson score interval of ok successes in n trials.
func wilson(ok, n int) (lo, hi float64) {
	const z = 1.959964
	p, fn := float64(ok)/float64(n), float64(n)
	centre := (p + z*z/(2*fn)) / (1 + z*z/fn)
	half := z / (1 + z*z/fn) * math.Sqrt(p*(1-p)/fn+z*z/(4*fn*fn))
	return max(centre-half, 0), min(centre+half, 1)
}

func rate(rs []cardResult, field string) float64 {
	if len(rs) == 0 {
		return 0
	}
	ok := 0
	for _, r := range rs {
		if r.fields[field] {
			ok++
		}
	}
	return 100 * float64(ok) / float64(len(rs))
}

func writeLatency(w io.Writer, name string, ds, cpu []time.Duration, withCPU bool) {
	if len(ds) == 0 {
		return
	}
	q := func(ds []time.Duration, p float64) string {
		ds = slices.Clone(ds)
		slices.Sort(ds)
		return fmt.Sprintf("%.0f", float64(ds[int(p*float64(len(ds)-1))].Microseconds())/1000)
	}
	c50, c95 := "-", "-"
	if withCPU {
		c50, c95 = q(cpu, 0.5), q(cpu, 0.95)
	}
	fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", name, q(ds, 0.5), q(ds, 0.95), q(ds, 1), c50, c95)
}

func filter(rs []cardResult, doc cardkit.Doc, fam string, v cardkit.Variant) []cardResult {
	var out []cardResult
	for _, r := range rs {
		if r.doc == doc && r.family == fam && r.variant == v {
			out = append(out, r)
		}
	}
	return out
}

// writeFailures lists every mismatch, for tuning the parsers and passes.
// The cards are synthetic; the reader never returns a full Aadhaar number.
func writeFailures(path string, rs []cardResult) error {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.doc != b.doc {
			return a.doc < b.doc
		}
		if a.family != b.family {
			return a.family < b.family
		}
		if a.variant != b.variant {
			return a.variant < b.variant
		}
		return a.index < b.index
	})
	var b strings.Builder
	for _, r := range rs {
		for _, f := range slices.Sorted(mapsKeys(r.mismatch)) {
			m := r.mismatch[f]
			fmt.Fprintf(&b, "%s\t%s\t%s\t%04d\t%s\twant %q\tgot %q\n", r.doc, r.family, r.variant, r.index, f, m[0], m[1])
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write failures: %w", err)
	}
	return nil
}

func mapsKeys(m map[string][2]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
