package main

import (
	"bufio"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Memory back to baseline. The baseline is each process's RSS after the warm-up (every user ran one whole
// session: engines loaded, pools and buffers grown) and a quiet period; the final reading comes after recovery
// (every session decided, every delivery delivered) and the same quiet period. Before each reading every
// process collects its garbage (pprof's heap?gc=1 on KYC_DEBUG_ADDR) and the quiet period lets Go return the
// freed pages, so that both readings do not depend on when the last collection happened to run: the processes
// run with GOGC=400 (internal/app/gc.go), where the heap kept between collections is five times the live heap.
//
// Target: final RSS <= baseline + max(25% of baseline, 50 MiB).
//   - 50 MiB is what a serve replica (~70-90 MiB) may keep without leaking: the REST upload bridge keeps up to 8
//     reusable buffers of ~5 MiB once as many uploads ran at once (bench/README.md, uploads), and Go keeps the
//     heap it grew to for a while before the scavenger returns it.
//   - 25% is for the worker (~250-330 MiB warm), most of whose RSS is native memory of the OCR and face engines
//     (ONNX Runtime, Tesseract, dlib); their allocators keep freed blocks in per-thread arenas, so its resting
//     size moves in proportion to itself. The worker trims glibc's arenas 2 s after its jobs stop
//     (internal/nativemem), inside the quiet period, so both readings are of a trimmed worker; what still moves
//     is the engines' own pools (ONNX Runtime's arena) and where live blocks sit.
//
// A leak in proportion to the work is caught on the full soak (~240 sessions, ~1000 uploads): 100 KiB kept per
// upload is ~100 MiB over the two replicas. The short soak (~20 sessions) only catches a gross one; the Go heap in use is printed beside
// the RSS to tell a Go leak from native memory.
const (
	memAllowRatio = 0.25
	memAllowMiB   = 50
)

type memReading struct{ rssMiB, heapMiB float64 }

// readMemory has every process collect its garbage, waits settle, then reads each one's RSS and Go heap in use.
func readMemory(procs []*proc, settle time.Duration) map[string]memReading {
	for _, p := range procs {
		_, _ = p.heapInuseMiB(true)
	}
	time.Sleep(settle)
	out := map[string]memReading{}
	for _, p := range procs {
		heap, _ := p.heapInuseMiB(false)
		out[p.name] = memReading{rssMiB: p.sample() / 1024, heapMiB: heap}
	}
	return out
}

// memoryReport prints each process's final memory against its baseline and returns how many are over target.
func memoryReport(procs []*proc, baseline, final map[string]memReading) (over int) {
	for _, p := range procs {
		b, f := baseline[p.name], final[p.name]
		allow := max(memAllowRatio*b.rssMiB, memAllowMiB)
		verdict := "ok"
		if f.rssMiB > b.rssMiB+allow {
			verdict = "OVER"
			over++
		}
		note := ""
		if p.starts > 1 {
			note = fmt.Sprintf(" (restarted %dx by the schedule: the final reading is of a later incarnation)", p.starts-1)
		}
		fmt.Printf("%-8s RSS baseline %4.0f MiB, final %4.0f MiB (%+4.0f MiB, allowed +%3.0f: %s), peak %4.0f MiB; Go heap in use %3.0f -> %3.0f MiB%s\n",
			p.name, b.rssMiB, f.rssMiB, f.rssMiB-b.rssMiB, allow, verdict, p.peakKiB/1024, b.heapMiB, f.heapMiB, note)
	}
	return over
}

// heapInuseMiB reads the process's Go heap in use from its pprof endpoint, collecting garbage first if gc.
func (p *proc) heapInuseMiB(gc bool) (float64, error) {
	url := "http://" + p.debugAddr + "/debug/pprof/heap?debug=1"
	if gc {
		url += "&gc=1"
	}
	c := http.Client{Timeout: 30 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "# HeapInuse = "); ok {
			n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return n / (1 << 20), err
		}
	}
	return 0, fmt.Errorf("%s: no HeapInuse in the heap profile", p.name)
}
