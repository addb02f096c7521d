package app

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// TestTuneGCOnABareMachine: without a container limit our GOGC 400 gets a soft limit beside it, unless the
// operator set the collector's pacing themselves.
func TestTuneGCOnABareMachine(t *testing.T) {
	if limit, err := memlimit.FromCgroup(); err == nil {
		t.Skipf("this machine's cgroup limits memory to %d bytes", limit)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		want int64
	}{
		{"ours", nil, bareMachineLimit},
		{"operator's GOGC", map[string]string{"GOGC": "100"}, math.MaxInt64},
		{"operator's GOMEMLIMIT", map[string]string{"GOMEMLIMIT": "1GiB"}, 1 << 30},
		{"automemlimit off", map[string]string{"AUTOMEMLIMIT": "off"}, math.MaxInt64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gcPercent, memLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
			t.Cleanup(func() { debug.SetGCPercent(gcPercent); debug.SetMemoryLimit(memLimit) })
			for _, k := range []string{"GOGC", "GOMEMLIMIT", "AUTOMEMLIMIT"} {
				t.Setenv(k, tc.env[k])
			}
			if tc.env["GOMEMLIMIT"] != "" {
				debug.SetMemoryLimit(1 << 30) // what the runtime does with the variable at start
			}
			if got := TuneGC(); got != tc.want {
				t.Errorf("TuneGC() = %d, want %d", got, tc.want)
			}
			if got := debug.SetMemoryLimit(-1); got != tc.want {
				t.Errorf("limit in force %d, want %d", got, tc.want)
			}
		})
	}
}
