package app

import (
	"os"
	"runtime/debug"
)

// Garbage-collector defaults of the long-running processes (serve, worker), used unless the operator sets
// Go's own GOGC or GOMEMLIMIT. The API's live heap is a few MB, so Go's default GOGC=100 collects every few MB
// of garbage, many times a second under load; at 400 the server spends less CPU collecting (bench/README.md:
// REST GetKycStatus throughput). Decoding full-size selfies makes the workers' transient heap large, where
// 400 would multiply the peak: the soft memory limit caps the heap near 128 MiB, and near it the collector
// runs as often as it must (measured: peak RSS of a verifying process 346-371 MiB with both, 386 MiB with Go's
// defaults, 410 MiB with a 192 MiB limit).
const (
	defaultGCPercent   = 400
	defaultMemoryLimit = 128 << 20
)

// TuneGC applies them; the face benchmark calls it too, so that its memory figures are the server's.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
