package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

type samples []cost

func (s *samples) add(c cost) { *s = append(*s, c) }

// pct is the p-th percentile of CPU or wall times.
func (s samples) pct(p float64, wall bool) time.Duration {
	if len(s) == 0 {
		return 0
	}
	d := make([]time.Duration, len(s))
	for i, c := range s {
		d[i] = c.cpu
		if wall {
			d[i] = c.wall
		}
	}
	slices.Sort(d)
	return d[min(len(d)-1, int(p*float64(len(d))))]
}

func (s samples) row(name string) string {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
	return fmt.Sprintf("| %s | %s | %s | %s | %s |", name, ms(s.pct(0.5, false)), ms(s.pct(0.95, false)),
		ms(s.pct(0.5, true)), ms(s.pct(0.95, true)))
}

// cpuTime is the process's CPU clock (CLOCK_PROCESS_CPUTIME_ID: exact, where
// getrusage counts in scheduler ticks, too coarse for calls of a few ms).
func cpuTime() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_PROCESS_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// decodeCLI times the alternative to the binding: write the codestream, run
// opj_decompress to a PNM, read it back. CPU is the child's user+system time.
func decodeCLI(j2k []byte) (cost, error) {
	dir, err := os.MkdirTemp("", "eval-qr-")
	if err != nil {
		return cost{}, err
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "p.j2k"), filepath.Join(dir, "p.ppm")
	w0 := time.Now()
	if err := os.WriteFile(in, j2k, 0o600); err != nil {
		return cost{}, err
	}
	cmd := exec.Command("opj_decompress", "-i", in, "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return cost{}, fmt.Errorf("opj_decompress: %w: %s", err, msg)
	}
	if _, err := os.ReadFile(out); err != nil {
		return cost{}, err
	}
	st := cmd.ProcessState
	return cost{cpu: st.UserTime() + st.SystemTime(), wall: time.Since(w0)}, nil
}

func report(w io.Writer, n int, seed int64, vs []variant, stats []*variantStats, noQR, photoCgo, photoCLI samples) {
	fmt.Fprintf(w, "### Decode rate by variant (N=%d backs per variant, seed %d, uploads re-encoded as JPEG q90)\n\n", n, seed)
	fmt.Fprintln(w, "| variant | what | decoded + VALID | QR versions | module px p50 | passes used | failures |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for i, v := range vs {
		st := stats[i]
		slices.Sort(st.module)
		mod := "-"
		if len(st.module) > 0 {
			mod = fmt.Sprintf("%.2f", st.module[len(st.module)/2])
		}
		fmt.Fprintf(w, "| %s | %s | %d/%d (%.1f%%) | %s | %s | %s | %s |\n", v.name, v.what, st.ok, st.total,
			100*float64(st.ok)/float64(max(1, st.total)), intKeys(st.versions), mod, strKeys(st.passes), strKeys(st.failFindings))
	}
	fmt.Fprintln(w, "\n### Time per Aadhaar side (ms; CPU = user+system of the process, GC included)")
	fmt.Fprintln(w, "\n| what | CPU p50 | CPU p95 | wall p50 | wall p95 |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for i, v := range vs {
		fmt.Fprintln(w, stats[i].cost.row("find+decode+verify+photo, "+v.name))
	}
	fmt.Fprintln(w, noQR.row("side without a QR (plain front)"))
	fmt.Fprintln(w, photoCgo.row("photo decode, libopenjp2 cgo binding (chosen)"))
	if len(photoCLI) > 0 {
		fmt.Fprintln(w, photoCLI.row("photo decode, opj_decompress command (CPU: child only)"))
	}
}

func intKeys(m map[int]int) string {
	var ks []int
	for k := range m {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	var out []string
	for _, k := range ks {
		out = append(out, fmt.Sprintf("v%d", k))
	}
	return strings.Join(out, " ")
}

func strKeys(m map[string]int) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var out []string
	for _, k := range ks {
		out = append(out, fmt.Sprintf("%s %d", k, m[k]))
	}
	if len(out) == 0 {
		return "-"
	}
	return strings.Join(out, ", ")
}
