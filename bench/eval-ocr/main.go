// Command eval-ocr measures card reading on synthetic cards: it renders N
// people's cards with internal/testkit/cardkit in every layout family (PAN:
// old, 2018, e-PAN; Aadhaar front and back: letter, PVC, e-Aadhaar, masked,
// plain) and every variant (photographed included), with a fixed seed; reads
// them with internal/cards/reader over real Tesseract; and prints exact-match
// rates per family, variant and field (the held-out families apart: no parser
// or pass was tuned on them), the weakest key field per family and variant,
// and the read latency and CPU time per card (p50/p95).
//
//	go run ./bench/eval-ocr -n 20 -seed 1 -workers 1
//
// Use one worker for CPU figures (one core per card); more workers only
// shorten the run.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/ocr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

type options struct {
	n, workers, maxPasses int
	seed                  int64
	variants              []cardkit.Variant
	docs                  []cardkit.Doc
	faces                 string
	failures              string
	uploadQuality         int
	plan                  string
	lang                  string
	families              map[string]bool // nil: all
}

// familiesOf lists the families of doc to evaluate.
func (o options) familiesOf(doc cardkit.Doc) []string {
	var out []string
	for _, f := range cardkit.Families(doc) {
		if o.families == nil || o.families[f] {
			out = append(out, f)
		}
	}
	return out
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "eval-ocr:", err)
		os.Exit(1)
	}
}

func run() error {
	var o options
	var variants, docs, fams string
	flag.IntVar(&o.n, "n", 100, "people per family and variant (each has a PAN, an Aadhaar front and back)")
	flag.Int64Var(&o.seed, "seed", 1, "card kit seed")
	flag.IntVar(&o.workers, "workers", 1, "OCR clients and cards read at once (1 for latency figures)")
	timeout := flag.Duration("ocr-timeout", ocr.DefaultConfig().Timeout, "wall time one OCR pass may take (raise it on a loaded machine)")
	budget := flag.Duration("budget", reader.DefaultConfig().Budget, "wall time per card after which no pass starts (raise it on a loaded machine, where wall time is not the reader's)")
	flag.IntVar(&o.maxPasses, "max-passes", reader.DefaultConfig().MaxPasses, "OCR passes per card at most")
	flag.StringVar(&variants, "variants", "all", "comma-separated variants or 'all'")
	flag.StringVar(&docs, "docs", "all", "comma-separated docs (pan,aadhaar_front,aadhaar_back) or 'all'")
	flag.StringVar(&fams, "families", "all", "comma-separated families (e.g. pan-old,aadhaar-plain) or 'all'")
	flag.StringVar(&o.faces, "faces", "", "directory of face photos for Aadhaar fronts (default: silhouettes)")
	flag.StringVar(&o.failures, "failures", "", "write every mismatch (expected vs read) to this file")
	flag.IntVar(&o.uploadQuality, "upload-quality", 90, "JPEG quality of the simulated upload (0: no re-encoding)")
	flag.StringVar(&o.lang, "lang", "eng", "Tesseract languages, e.g. eng or eng+hin")
	flag.StringVar(&o.plan, "plan", "default", "OCR passes, e.g. w1100+s+auto,w1100+f+s+d+auto (see plan.go)")
	flag.Parse()
	var err error
	if o.variants, err = parseList(variants, cardkit.Variants, cardkit.ParseVariant); err != nil {
		return err
	}
	if o.docs, err = parseList(docs, cardkit.Docs, parseDoc); err != nil {
		return err
	}

	if fams != "" && fams != "all" {
		o.families = map[string]bool{}
		for _, f := range strings.Split(fams, ",") {
			o.families[strings.TrimSpace(f)] = true
		}
	}
	cfg := ocr.DefaultConfig()
	cfg.Workers = o.workers
	cfg.Languages = strings.Split(o.lang, "+")
	cfg.Timeout = *timeout
	eng, err := ocr.New(cfg)
	if err != nil {
		return err
	}
	defer eng.Close()
	rcfg := reader.DefaultConfig()
	rcfg.MaxPasses = o.maxPasses
	rcfg.Budget = *budget
	if rcfg.Plan, err = parsePlan(o.plan); err != nil {
		return err
	}
	rd, err := reader.New(eng, rcfg)
	if err != nil {
		return err
	}
	_, faces, err := cardkit.LoadFaces(o.faces)
	if err != nil {
		return err
	}
	start := time.Now()
	results, err := evaluate(context.Background(), rd, o, faces)
	if err != nil {
		return err
	}
	if o.failures != "" {
		if err := writeFailures(o.failures, results); err != nil {
			return err
		}
	}
	fmt.Printf("eval-ocr: n=%d per family and variant, seed=%d, workers=%d, budget=%s, max passes=%d, plan=%s, lang=%s, faces=%q, upload JPEG q%d, %s total\n\n",
		o.n, o.seed, o.workers, rcfg.Budget, o.maxPasses, o.plan, o.lang, o.faces, o.uploadQuality, time.Since(start).Round(time.Second))
	report(os.Stdout, results, o)
	return nil
}

func parseDoc(s string) (cardkit.Doc, error) {
	for _, d := range cardkit.Docs {
		if string(d) == s {
			return d, nil
		}
	}
	return "", fmt.Errorf("unknown doc %q", s)
}

func parseList[T any](s string, all []T, parse func(string) (T, error)) ([]T, error) {
	if s == "" || s == "all" {
		return all, nil
	}
	var out []T
	for _, p := range strings.Split(s, ",") {
		v, err := parse(strings.TrimSpace(p))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
