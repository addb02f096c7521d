package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// report prints one table per document type (variants x fields, % exact
// match) and the latency table.
func report(w io.Writer, results []cardResult, o options) {
	for _, doc := range o.docs {
		fields := fieldOrder[doc]
		fmt.Fprintf(w, "### %s (%% exact match, n=%d per variant)\n\n", label(doc), o.n)
		fmt.Fprintf(w, "| variant | %s | passes/card |\n|---|%s---|\n", strings.Join(fields, " | "), strings.Repeat("---|", len(fields)))
		for _, v := range o.variants {
			rs := filter(results, doc, v)
			if len(rs) == 0 {
				continue
			}
			fmt.Fprintf(w, "| %s |", v)
			for _, f := range fields {
				ok := 0
				for _, r := range rs {
					if r.fields[f] {
						ok++
					}
				}
				fmt.Fprintf(w, " %.1f |", 100*float64(ok)/float64(len(rs)))
			}
			passes := 0
			for _, r := range rs {
				passes += r.passes
			}
			fmt.Fprintf(w, " %.2f |\n", float64(passes)/float64(len(rs)))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "### read latency per card (preprocessing + OCR passes + parsing, %d worker(s))\n\n", o.workers)
	fmt.Fprintf(w, "| variant | wall p50 ms | wall p95 ms | wall max ms | CPU p50 ms | CPU p95 ms |\n|---|---|---|---|---|---|\n")
	var all, allCPU []time.Duration
	for _, v := range o.variants {
		var ds, cpu []time.Duration
		for _, r := range results {
			if r.variant == v {
				ds, cpu = append(ds, r.total), append(cpu, r.cpu)
			}
		}
		all, allCPU = append(all, ds...), append(allCPU, cpu...)
		writeLatency(w, string(v), ds, cpu, o.workers == 1)
	}
	writeLatency(w, "**all**", all, allCPU, o.workers == 1)
	if o.workers != 1 {
		fmt.Fprintln(w, "\nCPU per card is only measured with -workers 1.")
	}
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

func filter(rs []cardResult, doc cardkit.Doc, v cardkit.Variant) []cardResult {
	var out []cardResult
	for _, r := range rs {
		if r.doc == doc && r.variant == v {
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
		if a.variant != b.variant {
			return a.variant < b.variant
		}
		return a.index < b.index
	})
	var b strings.Builder
	for _, r := range rs {
		for _, f := range slices.Sorted(mapsKeys(r.mismatch)) {
			m := r.mismatch[f]
			fmt.Fprintf(&b, "%s\t%s\t%04d\t%s\twant %q\tgot %q\n", r.doc, r.variant, r.index, f, m[0], m[1])
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

var _ = cardkit.Clean
