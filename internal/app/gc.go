package app

import (
	"math"
	"os"
	"runtime/debug"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// Garbage-collector defaults of the long-running processes (serve, worker), used unless the operator sets
// Go's own GOGC or GOMEMLIMIT. The API's live heap is a few MB, so Go's default GOGC=100 collects every few MB
// of garbage, many times a second under load; at 400 the server spends less CPU collecting (bench/README.md:
// REST GetKycStatus throughput).
//
// Decoding full-size selfies makes the workers' transient heap large, where 400 would multiply the peak, so the
// soft memory limit matters: it is 90% of the container's memory limit (cgroup v2 memory.max or v1
// memory.limit_in_bytes, read by automemlimit, as Cerbos does), so the collector works harder only as the process
// nears what the container may use, instead of a fixed 128 MiB that was too tight for a large container and
// meaningless on a small one. Without a cgroup limit (a bare machine or VM) GOGC 400 alone let a verifying
// process's Go heap grow to five times its transient peak (617 MB VmHWM with two face workers), so there the
// soft limit is bareMachineLimit instead: the API's few-MB heap never reaches it, the workers' decodes collect
// near it (380 MB VmHWM; 360 MB with Go's defaults, 438 MB at 256 MiB; bench/face.md "Third pass").
const (
	defaultGCPercent = 400
	memLimitRatio    = 0.9
	bareMachineLimit = 192 << 20
)

// TuneGC applies them and returns the soft memory limit in force (math.MaxInt64: none); the face benchmark calls
// it too, so that its memory figures are the server's.
func TuneGC() int64 {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	// memlimit leaves an operator's GOMEMLIMIT alone, and AUTOMEMLIMIT=off (or a ratio) overrides ours.
	limit, err := memlimit.Set(memlimit.WithRatio(memLimitRatio), memlimit.WithProvider(memlimit.FromCgroup))
	if err == nil && limit < math.MaxInt64 {
		return limit
	}
	// No container limit (or no readable cgroup): bound what our GOGC multiplies, unless the operator chose the
	// collector's pacing themselves.
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" || os.Getenv("AUTOMEMLIMIT") == "off" {
		return debug.SetMemoryLimit(-1)
	}
	debug.SetMemoryLimit(bareMachineLimit)
	return bareMachineLimit
}
