package ocr

// #cgo LDFLAGS: -lgomp -llept
// #include <omp.h>
// #include <leptonica/allheaders.h>
import "C"

// limitOpenMP makes Tesseract's parallel regions started from the calling OS
// thread run on that thread alone. The pool already runs one recognition per
// core; Tesseract's own OpenMP threads on top of that oversubscribed the cores
// and spun, making each recognition 4-5 times slower on a loaded 2-core
// machine (220 ms -> 1 s per card).
//
// Tesseract asks for thread counts explicitly (num_threads clauses), which
// override omp_set_num_threads alone; with dynamic adjustment on, libgomp caps
// a region at min(cores, nthreads-var) minus the load, i.e. at 1 once
// nthreads-var is 1. Both settings belong to the OS thread, so the caller
// must hold runtime.LockOSThread while it calls Tesseract. This replaces
// OMP_THREAD_LIMIT=1, which libgomp only reads at process start.
//
// Dynamic adjustment alone asks the kernel for the load (sysinfo) and the
// affinity mask at every parallel region, and Tesseract's LSTM opens one per
// time step: about 20,000 of each call per card (strace -c on 24 kit cards:
// 474k sysinfo, 474k sched_getaffinity). A max-active-levels of 0 makes every
// region inactive, which libgomp settles before it looks at the load: one
// thread, no calls; 8% less CPU per card (same cards, same text read). The
// other two settings stay as the fallback of a libgomp that ignored it.
func limitOpenMP() {
	C.omp_set_max_active_levels(0)
	C.omp_set_dynamic(1)
	C.omp_set_num_threads(1)
}

// silenceLeptonica stops Leptonica's messages ("Error in pixScanForForeground:
// invalid box" on photos with odd margins), which go straight to stderr and
// would clutter the service's logs; Tesseract's results are unaffected.
func silenceLeptonica() {
	C.setMsgSeverity(C.L_SEVERITY_NONE)
}
