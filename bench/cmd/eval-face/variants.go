package main

import (
	"context"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"syscall"
	"time"

	"github.com/enxtai/kyc/internal/face"
)

// variant is one way of running the ArcFace engine.
type variant struct {
	name      string
	detector  face.Detector
	alignment face.Alignment
	flip      bool
	grey      bool
	eq        face.Equalisation
	gamma     bool
	views     []face.ChipView // not empty: replaces grey, flip and eq (face.Config.Views)
}

var variantList = []variant{
	{"HOG, eyes+nose base (before)", face.DetectorHOG, face.AlignEyesNose, false, false, "", false, nil},
	{"cascade HOG→fr_detect, eyes+nose base", face.DetectorCascade, face.AlignEyesNose, false, false, "", false, nil},
	{"cascade, five-point (fr_landmark), colour", face.DetectorCascade, face.AlignFivePoint, false, false, "", false, nil},
	{"cascade, five-point, colour, flip TTA", face.DetectorCascade, face.AlignFivePoint, true, false, "", false, nil},
	{"cascade, five-point, grey", face.DetectorCascade, face.AlignFivePoint, false, true, "", false, nil},
	{"cascade, five-point, grey, flip TTA (second pass default)", face.DetectorCascade, face.AlignFivePoint, true, true, "", false, nil},
	{"cascade, five-point, grey + histogram-equalised (third pass default)", face.DetectorCascade, face.AlignFivePoint, false, true, face.EqualiseHistogram, false, nil},
	{"cascade, five-point, grey + histogram-equalised + gamma (default)", face.DetectorCascade, face.AlignFivePoint, false, true, face.EqualiseHistogram, true, nil},
}

// thirdPass are the variants of bench/face.md's third pass (-third): a contrast-equalised second view beside
// the default and grey alone measured in the same run (CLAHE and the card at 2048 px, measured there and not
// adopted, were removed afterwards).
var thirdPass = []variant{
	{"grey, flip (second pass default)", face.DetectorCascade, face.AlignFivePoint, true, true, "", false, nil},
	{"grey", face.DetectorCascade, face.AlignFivePoint, false, true, "", false, nil},
	{"grey + histogram-equalised (third pass default)", face.DetectorCascade, face.AlignFivePoint, false, true, face.EqualiseHistogram, false, nil},
	{"grey, flip + histogram-equalised", face.DetectorCascade, face.AlignFivePoint, true, true, face.EqualiseHistogram, false, nil},
}

// compareVariants runs the ArcFace engine in every variant on the same cards and selfies and prints one
// line each: faces not found, separation (d′), FNMR at the zero-FMR point of all pairs and on held-out folds.
func compareVariants(ctx context.Context, w io.Writer, cfg face.Config, photos []photo, clean, degraded []image.Image, variants []variant) error {
	fmt.Fprintf(w, "\n### ArcFace engine variants (card vs selfie, clean and degraded cards)\n\n")
	fmt.Fprintln(w, "| variant | selfies without a face | cards without a face | d′ | FNMR at zero FMR (all pairs) | held-out FNMR at auto-approve (pooled, fold sd) | held-out FMR (95% upper) | CPU s for the run |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, v := range variants {
		c := cfg
		c.Engine, c.Detector, c.Alignment, c.FlipTTA, c.Grey = face.EngineArcFace, v.detector, v.alignment, v.flip, v.grey
		c.Equalise, c.Gamma, c.Views = v.eq, v.gamma, v.views
		m, err := face.OpenMatcher(c)
		if err != nil {
			return err
		}
		cpu0 := cpuTime()
		run, err := evalEngine(ctx, m, photos, clean, degraded, c.Workers)
		cpu := cpuTime() - cpu0
		m.Close()
		if err != nil {
			return fmt.Errorf("variant %s: %w", v.name, err)
		}
		dumpPairs(v.name, run.labelled)
		p := run.cardVsSelfie()
		_, fnmr, _, _ := p.rates(p.zeroFMR())
		s := summarize(heldOut(run.labelled))
		fmt.Fprintf(w, "| %s | %d | %d | %.2f | %s | %s (sd %s) | %d/%d (%s) | %.1f |\n", v.name, len(run.noFaceSelfies),
			run.noFaceCards, dprime(p), pct(fnmr), pct(ratio(s.fnm, s.genuine)), pct(s.fnmrSD), s.fm, s.impostor,
			pct(s.fmrUpper), cpu.Seconds())
		if normaliseDeals > 0 {
			printCentred(w, v.name, run, normaliseDeals)
		}
	}
	return nil
}

// dprime is the separation of genuine and impostor similarities: (μg − μi) / √((σg² + σi²) / 2).
func dprime(p pairs) float64 {
	mg, mi := mean(p.genuine), mean(p.impostor)
	vg, vi := variance(p.genuine, mg), variance(p.impostor, mi)
	return (mg - mi) / math.Sqrt((vg+vi)/2)
}

func variance(v []float64, m float64) float64 {
	var s float64
	for _, x := range v {
		s += (x - m) * (x - m)
	}
	return s / math.Max(1, float64(len(v)-1))
}

// cpuTime is the process's user+system CPU time so far (the machine is shared: wall time would count
// the others' work).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// pairsOut, when set, receives every card-vs-selfie comparison for offline analysis.
var pairsOut string

func dumpPairs(name string, cmp []labelled) {
	if pairsOut == "" {
		return
	}
	f, err := os.OpenFile(pairsOut, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, "eval-face: pairs-out:", err)
		return
	}
	defer f.Close()
	for _, c := range cmp {
		fmt.Fprintf(f, "%s\t%s\t%s\t%.5f\t%v\n", name, c.cardID, c.selfieID, c.sim, c.ok)
	}
}
