package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/enxtai/kyc/internal/face"
)

// measureRSS loads a Verifier with cfg, verifies card i against selfie i for every photo, rounds times, and
// prints latency quantiles and the process's resident memory (current and peak).
func measureRSS(ctx context.Context, cfg face.Config, facesDir string, seed int64, rounds int) error {
	photos, err := loadPhotos(facesDir)
	if err != nil {
		return err
	}
	fmt.Printf("before loading: %s\n", memory())
	v, err := face.New(cfg, nil)
	if err != nil {
		return err
	}
	defer v.Close()
	fmt.Printf("engine %s loaded (liveness %v, workers %d): %s\n", v.Engine(), v.LivenessAvailable(), cfg.Workers, memory())
	detector, err := face.OpenMatcher(cfg)
	if err != nil {
		return err
	}
	clean, _, err := cards(ctx, detector, photos, seed)
	detector.Close()
	if err != nil {
		return err
	}
	runtime.GC()
	var took []time.Duration
	for range rounds {
		for i, p := range photos {
			t0 := time.Now()
			if _, err := v.Verify(ctx, clean[i], p.img); err != nil {
				return err
			}
			took = append(took, time.Since(t0))
		}
	}
	sort.Slice(took, func(a, b int) bool { return took[a] < took[b] })
	q := func(f float64) time.Duration { return took[int(f*float64(len(took)-1))].Round(time.Millisecond) }
	fmt.Printf("%d verifications (card + full-size selfie each, decoded images in memory): p50 %s, p90 %s, max %s\n",
		len(took), q(0.5), q(0.9), q(1))
	fmt.Printf("after work: %s\n", memory())
	return nil
}

// memory reports VmRSS and VmHWM from /proc/self/status.
func memory() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "n/a"
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") || strings.HasPrefix(line, "VmHWM:") {
			out = append(out, strings.Join(strings.Fields(line), " "))
		}
	}
	return strings.Join(out, ", ")
}
