// Command eval-face measures the face engines and liveness models on ../shared/testdata/faces and prints
// Markdown for bench/face.md: similarity distributions and FMR/FNMR per engine (photo-vs-photo and the real
// use, card-vs-selfie), APCER/BPCER per liveness model against synthetic attacks, the chosen engine and
// the calibrated bands. With -rss it instead measures a loaded Verifier's latency and memory; with -study it
// compares ways of embedding the same faces (colour, test-time augmentation), a dlib fusion and quality
// limits on held-out folds; with -pairs-in it repeats the held-out protocol over random deals of people into
// folds on a -pairs-out dump; with -third it compares only the third pass's variants (-normalise adds
// mean-centred scores), with -fourth only the fourth pass's chip views; with -liveness-only it runs only the liveness part, including the threshold held
// out by person.
//
// Run it through `make eval-face` (which fetches the models first).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/enxtai/kyc/internal/face"
)

func main() {
	facesDir := flag.String("faces", "../shared/testdata/faces", "folder of test photos (see its PROVENANCE.txt)")
	models := flag.String("models", ".cache/models", "models folder laid out by `make face-models`")
	ort := flag.String("ort", ".cache/lib/onnxruntime-1.24.1/libonnxruntime.so.1", "libonnxruntime.so path")
	workers := flag.Int("workers", 2, "parallel workers")
	seed := flag.Int64("seed", 1, "seed for cards and attacks")
	rss := flag.Bool("rss", false, "measure latency and RSS of a loaded Verifier instead of accuracy")
	rounds := flag.Int("rounds", 3, "with -rss: passes over the photos")
	variants := flag.Bool("variants", true, "also compare detector, alignment and augmentation variants (steps 1-3 of bench/face.md)")
	flag.IntVar(&heldoutFolds, "folds", 5, "held-out protocol: folds by person (0: one per person)")
	flag.StringVar(&pairsOut, "pairs-out", "", "write every card-vs-selfie comparison (variant, identities, similarity) to this TSV file")
	study := flag.Bool("study", false, "compare views of the same faces (TTA, alignment points, colour) and dlib fusion on held-out folds")
	pairsIn := flag.String("pairs-in", "", "instead of evaluating, read a -pairs-out dump and print each variant's held-out figures over random deals")
	deals := flag.Int("deals", 200, "with -pairs-in, and for the liveness threshold: random deals of the people into folds")
	flag.BoolVar(&third, "third", false, "only compare the variants of bench/face.md's third pass, then stop")
	flag.BoolVar(&fourth, "fourth", false, "only compare the chip views of bench/face.md's fourth pass, then stop")
	flag.IntVar(&normaliseDeals, "normalise", 0, "with the variants: also judge mean-centred scores over this many random deals (0: off)")
	livenessOnly := flag.Bool("liveness-only", false, "evaluate only the liveness models (attacks, thresholds, held-out threshold)")
	rssInputs := flag.String("rss-inputs", "", "internal: run the -rss measurement on the inputs in this folder")
	flag.Parse()
	livenessDeals = *deals

	cfg := face.DefaultConfig()
	cfg.ModelsDir, cfg.OnnxRuntimeLib, cfg.Workers = *models, *ort, *workers
	ctx := context.Background()
	var err error
	if *pairsIn != "" {
		err = printRepeated(os.Stdout, *pairsIn, *deals)
	} else if *livenessScoresIn != "" {
		err = printLivenessRulesFile(os.Stdout, *livenessScoresIn, *deals)
	} else if *rssInputs != "" {
		err = runRSS(ctx, cfg, *rssInputs, *rounds)
	} else if *livenessOnly {
		err = livenessRun1(ctx, cfg, *facesDir, *seed)
	} else if *study {
		err = studyRun(ctx, cfg, *facesDir, *seed)
	} else if *rss {
		err = measureRSS(ctx, cfg, *facesDir, *seed, *rounds)
	} else {
		err = evaluate(ctx, cfg, *facesDir, *seed, *variants)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval-face:", err)
		os.Exit(1)
	}
}

// third is -third: only the third pass's variants (with -normalise, their centred scores too); fourth is
// -fourth: only the fourth pass's chip views.
var third, fourth bool

func evaluate(ctx context.Context, cfg face.Config, facesDir string, seed int64, variants bool) error {
	start := time.Now()
	photos, err := loadPhotos(facesDir)
	if err != nil {
		return err
	}
	w := os.Stdout
	fmt.Fprintf(w, "### Face evaluation: %d photos of %d people from %s (seed %d)\n", len(photos), countIdentities(photos), facesDir, seed)

	cfg.Engine = face.EngineArcFace
	detector, err := face.OpenMatcher(cfg)
	if err != nil {
		return err
	}
	defer detector.Close()
	clean, degraded, err := makeCards(ctx, detector, photos, seed)
	if err != nil {
		return err
	}
	progress("cards rendered", start)

	if third {
		err := compareVariants(ctx, w, cfg, photos, clean, degraded, thirdPass)
		progress("third-pass variants", start)
		return err
	}
	if fourth {
		err := compareVariants(ctx, w, cfg, photos, clean, degraded, fourthPass)
		progress("fourth-pass views", start)
		return err
	}
	if variants {
		if err := compareVariants(ctx, w, cfg, photos, clean, degraded, variantList); err != nil {
			return err
		}
		progress("variants", start)
	}

	runs := map[face.Engine]engineRun{}
	for _, e := range []face.Engine{face.EngineArcFace, face.EngineDlib} {
		cfg.Engine = e
		m, err := face.OpenMatcher(cfg)
		if err != nil {
			return err
		}
		run, err := evalEngine(ctx, m, photos, clean, degraded, cfg.Workers)
		m.Close()
		if err != nil {
			return fmt.Errorf("engine %s: %w", e, err)
		}
		runs[e] = run
		dumpPairs("engine "+string(e), run.labelled)
		printEngine(w, run)
		run.heldOut = printHeldOut(w, "card vs selfie, all cards", run.labelled)
		runs[e] = run
		progress("engine "+string(e), start)
	}
	cfg.Engine = face.EngineArcFace

	set, err := buildLivenessSet(ctx, detector, photos, runs[face.EngineArcFace].selfies, seed, cfg.Workers)
	if err != nil {
		return err
	}
	progress("attacks made", start)
	fmt.Fprintf(w, "\n### Liveness: live photos vs synthetic attacks (internal/testkit/attacks)\n")
	lruns, err := evalLiveness(ctx, w, cfg, set)
	if err != nil {
		return err
	}
	progress("liveness", start)

	printChoice(w, runs, lruns, set)
	fmt.Fprintf(w, "\n(evaluation took %s)\n", time.Since(start).Round(time.Second))
	return nil
}

func studyRun(ctx context.Context, cfg face.Config, facesDir string, seed int64) error {
	photos, m, err := openWithPhotos(cfg, facesDir)
	if err != nil {
		return err
	}
	defer m.Close()
	clean, degraded, err := makeCards(ctx, m, photos, seed)
	if err != nil {
		return err
	}
	return runStudy(ctx, os.Stdout, cfg, photos, clean, degraded)
}

func countIdentities(photos []photo) int {
	ids := map[string]bool{}
	for _, p := range photos {
		ids[p.identity] = true
	}
	return len(ids)
}

// progress notes on stderr how long the run has taken so far.
func progress(what string, start time.Time) {
	fmt.Fprintf(os.Stderr, "eval-face: %s after %s\n", what, time.Since(start).Round(100*time.Millisecond))
}

// livenessRun1 is -liveness-only: the liveness part of evaluate, with the selfies' faces found by the default
// engine.
func livenessRun1(ctx context.Context, cfg face.Config, facesDir string, seed int64) error {
	photos, m, err := openWithPhotos(cfg, facesDir)
	if err != nil {
		return err
	}
	defer m.Close()
	imgs := imagesOf(photos)
	selfies, err := embedAll(ctx, m, imgs, face.Selfie, cfg.Workers)
	if err != nil {
		return err
	}
	set, err := buildLivenessSet(ctx, m, photos, selfies, seed, cfg.Workers)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "\n### Liveness: live photos vs synthetic attacks (internal/testkit/attacks)\n")
	_, err = evalLiveness(ctx, os.Stdout, cfg, set)
	return err
}
