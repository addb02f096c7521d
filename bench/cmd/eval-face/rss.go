package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/enxtai/kyc/internal/app"
	"github.com/enxtai/kyc/internal/face"
)

// measureRSS writes the inputs (every test photo and its Aadhaar card, as JPEG files) to a temporary folder,
// then runs this program again on them with -rss-inputs, so that the memory figures are those of a fresh
// process that only loads the engine and works, like a server.
func measureRSS(ctx context.Context, cfg face.Config, facesDir string, seed int64, rounds int) error {
	dir, err := os.MkdirTemp("", "eval-face-rss-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := writeInputs(ctx, cfg, facesDir, dir, seed); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, os.Args[0], "-rss-inputs", dir, "-rounds", strconv.Itoa(rounds),
		"-models", cfg.ModelsDir, "-ort", cfg.OnnxRuntimeLib, "-workers", strconv.Itoa(cfg.Workers))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

// runRSS loads a Verifier and, like a server worker, reads, decodes and verifies card i against selfie i
// for every input pair, rounds times, cfg.Workers at a time; it prints latency quantiles and the process's
// resident memory (current and peak).
func runRSS(ctx context.Context, cfg face.Config, dir string, rounds int) error {
	selfies, err := filepath.Glob(filepath.Join(dir, "*.selfie.jpg"))
	if err != nil || len(selfies) == 0 {
		return fmt.Errorf("no inputs in %s (%v)", dir, err)
	}
	app.TuneGC() // the server's garbage-collector settings
	fmt.Printf("fresh process: %s\n", memory())
	v, err := face.New(cfg, nil)
	if err != nil {
		return err
	}
	defer v.Close()
	fmt.Printf("engine %s and liveness %s loaded (workers %d, threads %d): %s\n",
		v.Engine(), cfg.Liveness, cfg.Workers, cfg.Threads, memory())
	var mu sync.Mutex
	var took []time.Duration
	var firstErr error
	for range rounds {
		par(len(selfies), cfg.Workers, func(i int) {
			t0 := time.Now()
			card, err1 := readJPEG(strings.TrimSuffix(selfies[i], ".selfie.jpg") + ".card.jpg")
			selfie, err2 := readJPEG(selfies[i])
			var err3 error
			if err1 == nil && err2 == nil {
				_, err3 = v.Verify(ctx, card, selfie)
			}
			mu.Lock()
			defer mu.Unlock()
			if err := errors.Join(err1, err2, err3); err != nil && firstErr == nil {
				firstErr = err
			}
			took = append(took, time.Since(t0))
		})
	}
	if firstErr != nil {
		return firstErr
	}
	sort.Slice(took, func(a, b int) bool { return took[a] < took[b] })
	q := func(f float64) time.Duration { return took[int(f*float64(len(took)-1))].Round(time.Millisecond) }
	fmt.Printf("%d verifications (read + decode card and full-size selfie, verify; %d at a time): p50 %s, p90 %s, max %s\n",
		len(took), cfg.Workers, q(0.5), q(0.9), q(1))
	fmt.Printf("after work: %s\n", memory())
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("Go heap: in use %.0f MB, obtained from the OS %.0f MB, released back %.0f MB\n",
		float64(ms.HeapInuse)/1e6, float64(ms.HeapSys)/1e6, float64(ms.HeapReleased)/1e6)
	return nil
}

// writeInputs writes every test photo (its original bytes) and its clean Aadhaar card (JPEG, quality 90).
func writeInputs(ctx context.Context, cfg face.Config, facesDir, dir string, seed int64) error {
	photos, detector, err := openWithPhotos(cfg, facesDir)
	if err != nil {
		return err
	}
	defer detector.Close()
	clean, _, err := makeCards(ctx, detector, photos, seed)
	if err != nil {
		return err
	}
	for i, p := range photos {
		b, err := os.ReadFile(filepath.Join(facesDir, p.name))
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, clean[i], &jpeg.Options{Quality: 90}); err != nil {
			return err
		}
		base := filepath.Join(dir, fmt.Sprintf("%02d", i))
		if err := errors.Join(os.WriteFile(base+".selfie.jpg", b, 0o600), os.WriteFile(base+".card.jpg", buf.Bytes(), 0o600)); err != nil {
			return err
		}
	}
	return nil
}

func readJPEG(path string) (image.Image, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return jpeg.Decode(bytes.NewReader(b))
}

// memory reports VmRSS and VmHWM (peak) from /proc/self/status.
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
