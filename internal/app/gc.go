package app

import (
	"os"
	"runtime/debug"
)

// Garbage-collector defaults of the long-running processes (serve, worker), used unless the operator sets Go's own GOGC or
// GOMEMLIMIT. The API's live heap is small (tens of MB: caches, in-flight requests), so Go's default GOGC=100
// collects every few MB of garbage, thousands of times a minute under load; at 400 the server spends less CPU
// collecting and its latency tail shortens (bench/README.md: REST GetKycStatus throughput and p99). The soft
// memory limit keeps the bigger headroom from growing the heap past 192 MiB when many uploads or face
// verifications are in flight: near it, the collector runs as often as it must.
const (
	defaultGCPercent   = 400
	defaultMemoryLimit = 192 << 20
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
