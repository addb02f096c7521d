// Command cardcpu reads the cards of `make bench-pipeline`'s eight sessions (kycdocs seeds 0-7) one at a time
// with one Tesseract client and prints, per card, the passes and the process CPU (decode + reading), then the
// CPU per session's three cards. Run it alternately with a build of another commit for a paired comparison
// (bench/README.md, "Pipeline throughput, round 3"): go run ./bench/cardcpu
package main

import (
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // the kit writes JPEG
	"log"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/disintegration/imaging"

	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/ocr"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
)

func main() {
	cfg := ocr.DefaultConfig()
	cfg.Workers = 1
	eng, err := ocr.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer eng.Close()
	rc := reader.DefaultConfig()
	rc.Budget = time.Hour // CPU, not wall time, decides here
	r, err := reader.New(eng, rc)
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "cardcpu-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	var total time.Duration
	const sets = 8
	for i := range sets {
		s, err := kycdocs.Write(filepath.Join(dir, fmt.Sprint(i)), int64(i), "bona.jpg", "bona2.jpg")
		if err != nil {
			log.Fatal(err)
		}
		for _, p := range []string{s.PAN, s.AadhaarFront, s.AadhaarBack} {
			start := cpu()
			img, err := imaging.Open(p, imaging.AutoOrientation(true))
			if err != nil {
				log.Fatal(err)
			}
			passes, err := read(r, p, s, img)
			if err != nil {
				log.Fatal(err)
			}
			used := cpu() - start
			total += used
			fmt.Printf("set %d %-18s passes %d CPU %4d ms\n", i, filepath.Base(p), passes, used.Milliseconds())
		}
	}
	fmt.Printf("CPU per session's three cards: %d ms\n", (total / sets).Milliseconds())
}

func read(r *reader.Reader, path string, s kycdocs.Set, img image.Image) (int, error) {
	ctx := context.Background()
	switch path {
	case s.PAN:
		res, err := r.ReadPAN(ctx, img)
		return res.Stats.Passes, err
	case s.AadhaarFront:
		res, err := r.ReadAadhaarFront(ctx, img)
		return res.Stats.Passes, err
	}
	res, err := r.ReadAadhaarBack(ctx, img)
	return res.Stats.Passes, err
}

// cpu is the process's user+system time (Tesseract runs on other threads of the process).
func cpu() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
