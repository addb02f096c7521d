package main

import (
	"context"
	"fmt"
	"image"
	"io"
	"math"
	"strings"
	"sync"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/face/onnx"
	"github.com/enxtai/kyc/internal/face/raster"
)

// The study (-study): ways of embedding the same detected faces (test-time augmentation, alignment points,
// colour), each judged with the held-out protocol, and a logistic-regression fusion with dlib fitted on each
// fold's calibration people only. It reads the models directly so that a view can be tried without a
// change to internal/face; what helps is then built there.

// view is one way of turning a face's 68 landmarks into a chip.
type view struct {
	name string
	chip func(img *raster.RGB, p []raster.Point) (*raster.RGB, error)
}

func fivePts(p []raster.Point, eyes, mouth []int) [5]raster.Point {
	avg := func(ix []int) raster.Point {
		var s raster.Point
		for _, i := range ix {
			s.X, s.Y = s.X+p[i].X, s.Y+p[i].Y
		}
		return raster.Point{X: s.X / float64(len(ix)), Y: s.Y / float64(len(ix))}
	}
	le, re := avg(eyes), avg(shift(eyes, 6))
	lm, rm := avg(mouth), avg(shift(mouth, 6))
	return [5]raster.Point{le, re, p[30], lm, rm}
}

func shift(ix []int, d int) []int {
	out := make([]int, len(ix))
	for i, v := range ix {
		out[i] = v + d
	}
	return out
}

var (
	eyes6   = []int{36, 37, 38, 39, 40, 41}
	eyes4   = []int{37, 38, 40, 41} // the package's own choice (fr_feature.js)
	mouthO  = []int{48}
	mouthOI = []int{48, 60} // outer and inner corner (fr_feature.js)
)

// jitter returns the template zoomed by z about the chip centre and moved by (dx, dy) chip pixels.
func jitter(z, dx, dy float64) []raster.Point {
	out := make([]raster.Point, 5)
	for i, q := range onnx.ArcFaceTemplate {
		out[i] = raster.Point{X: 56 + z*(q.X-56) + dx, Y: 56 + z*(q.Y-56) + dy}
	}
	return out
}

func alignTo(img *raster.RGB, pts [5]raster.Point, tmpl []raster.Point) (*raster.RGB, error) {
	t, err := raster.FitSimilarity(pts[:], tmpl)
	if err != nil {
		return nil, err
	}
	return raster.Warp(img, t, onnx.ArcFaceSize, onnx.ArcFaceSize)
}

func jitterView(name string, z, dx, dy float64, flip bool) view {
	return view{name, func(img *raster.RGB, p []raster.Point) (*raster.RGB, error) {
		c, err := alignTo(img, fivePts(p, eyes6, mouthO), jitter(z, dx, dy))
		if err == nil && flip {
			c = onnx.FlipChip(c)
		}
		return c, err
	}}
}

func greyView(name string, flip, eq bool) view { return greyJitter(name, flip, eq, 1, 0, 0) }

func greyJitter(name string, flip, eq bool, z, dx, dy float64) view {
	return view{name, func(img *raster.RGB, p []raster.Point) (*raster.RGB, error) {
		c, err := alignTo(img, fivePts(p, eyes6, mouthO), jitter(z, dx, dy))
		if err != nil {
			return nil, err
		}
		if flip {
			c = onnx.FlipChip(c)
		}
		g := make([]byte, len(c.Pix)/3)
		for i := range g {
			g[i] = byte(math.Round(0.299*float64(c.Pix[3*i]) + 0.587*float64(c.Pix[3*i+1]) + 0.114*float64(c.Pix[3*i+2])))
		}
		if eq {
			var h [256]int
			for _, v := range g {
				h[v]++
			}
			var cdf [256]float64
			acc := 0
			for v := range h {
				acc += h[v]
				cdf[v] = float64(acc) / float64(len(g))
			}
			for i, v := range g {
				g[i] = byte(math.Round(255 * cdf[v]))
			}
		}
		for i, v := range g {
			c.Pix[3*i], c.Pix[3*i+1], c.Pix[3*i+2] = v, v, v
		}
		return c, nil
	}}
}

func studyViews() []view {
	vs := []view{
		jitterView("base", 1, 0, 0, false),
		jitterView("flip", 1, 0, 0, true),
		{"pkg-points", func(img *raster.RGB, p []raster.Point) (*raster.RGB, error) {
			return alignTo(img, fivePts(p, eyes4, mouthOI), onnx.ArcFaceTemplate[:])
		}},
		{"bgr", func(img *raster.RGB, p []raster.Point) (*raster.RGB, error) {
			c, err := alignTo(img, fivePts(p, eyes6, mouthO), onnx.ArcFaceTemplate[:])
			if err == nil {
				for i := 0; i < len(c.Pix); i += 3 {
					c.Pix[i], c.Pix[i+2] = c.Pix[i+2], c.Pix[i]
				}
			}
			return c, err
		}},
		greyView("grey", false, false),
		greyView("grey-flip", true, false),
		greyView("grey-eq", false, true),
		{"bgr-flip", func(img *raster.RGB, p []raster.Point) (*raster.RGB, error) {
			c, err := alignTo(img, fivePts(p, eyes6, mouthO), onnx.ArcFaceTemplate[:])
			if err == nil {
				c = onnx.FlipChip(c)
				for i := 0; i < len(c.Pix); i += 3 {
					c.Pix[i], c.Pix[i+2] = c.Pix[i+2], c.Pix[i]
				}
			}
			return c, err
		}},
	}
	for _, z := range []float64{0.92, 1.08} {
		vs = append(vs, jitterView(fmt.Sprintf("zoom%.2f", z), z, 0, 0, false))
		vs = append(vs, greyJitter(fmt.Sprintf("grey-zoom%.2f", z), false, false, z, 0, 0))
	}
	for _, d := range [][2]float64{{-3, 0}, {3, 0}, {0, -3}, {0, 3}} {
		vs = append(vs, jitterView(fmt.Sprintf("shift%+.0f%+.0f", d[0], d[1]), 1, d[0], d[1], false))
		vs = append(vs, greyJitter(fmt.Sprintf("grey-shift%+.0f%+.0f", d[0], d[1]), false, false, 1, d[0], d[1]))
	}
	return vs
}

// studyConfigs are the averages tried (names of views, averaged then normalised).
var studyConfigs = [][]string{
	{"base"}, {"flip"}, {"pkg-points"}, {"bgr"}, {"grey"},
	{"base", "flip"},
	{"base", "zoom0.92", "zoom1.08"},
	{"base", "shift-3+0", "shift+3+0", "shift+0-3", "shift+0+3"},
	{"base", "zoom0.92", "zoom1.08", "shift-3+0", "shift+3+0", "shift+0-3", "shift+0+3"},
	{"base", "flip", "zoom0.92", "zoom1.08"},
	{"base", "flip", "zoom0.92", "zoom1.08", "shift-3+0", "shift+3+0", "shift+0-3", "shift+0+3"},
	{"base", "grey"}, {"grey-eq"}, {"grey", "grey-flip"}, {"bgr", "bgr-flip"}, {"bgr", "grey"},
	{"grey", "grey-eq"},
	{"grey", "grey-zoom0.92", "grey-zoom1.08"},
	{"grey", "grey-shift-3+0", "grey-shift+3+0", "grey-shift+0-3", "grey-shift+0+3"},
	{"grey", "grey-flip", "grey-zoom0.92", "grey-zoom1.08"},
	{"base", "pkg-points"},
}

// studied holds one picture's view embeddings (nil map: no face).
type studied map[string][]float32

func studyEmbed(ctx context.Context, cfg face.Config, m face.FaceMatcher, imgs []image.Image, src face.Source) ([]studied, error) {
	rt, err := onnx.OpenRuntime(cfg.OnnxRuntimeLib)
	if err != nil {
		return nil, err
	}
	o := onnx.Options{Workers: cfg.Workers, Threads: 1}
	arc, err := rt.LoadArcFace(cfg.ModelsDir+"/faceplugin/fr_feature.onnx", o)
	if err != nil {
		return nil, err
	}
	defer arc.Close()
	lm, err := rt.LoadFRLandmark(cfg.ModelsDir+"/faceplugin/fr_landmark.onnx", o)
	if err != nil {
		return nil, err
	}
	defer lm.Close()
	views := studyViews()
	out := make([]studied, len(imgs))
	errs := make([]error, len(imgs))
	sem := make(chan struct{}, cfg.Workers)
	var wg sync.WaitGroup
	for i, img := range imgs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = func() error {
				found, err := m.Find(ctx, raster.FromImage(img), src)
				if err != nil || len(found.Faces) == 0 {
					return err
				}
				b := found.Faces[0].Box
				s := float64(b.Dx())
				cx, cy := float64(b.Min.X+b.Max.X)/2, float64(b.Min.Y+b.Max.Y)/2-0.086*s
				box := image.Rect(int(cx-0.46*s), int(cy-0.625*s), int(cx+0.46*s), int(cy+0.625*s))
				p, err := lm.Landmarks(ctx, found.Image, box)
				if err != nil {
					return err
				}
				out[i] = studied{}
				q := face.MeasureQuality(found, 0)
				out[i]["quality"] = []float32{float32(q.EyeDistance), float32(q.Sharpness), float32(q.Yaw), float32(q.Brightness)}
				for _, v := range views {
					c, err := v.chip(found.Image, p)
					if err != nil {
						return err
					}
					if out[i][v.name], err = arc.Embed(ctx, c); err != nil {
						return err
					}
				}
				return nil
			}()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("picture %d: %w", i, err)
		}
	}
	return out, nil
}

func (s studied) avg(names []string) []float32 {
	if s == nil {
		return nil
	}
	var vs [][]float32
	for _, n := range names {
		vs = append(vs, s[n])
	}
	v, err := onnx.Mean(vs...)
	if err != nil {
		return nil
	}
	return v
}

// runStudy prints one held-out line per configuration, then the dlib fusion.
func runStudy(ctx context.Context, w io.Writer, cfg face.Config, photos []photo, clean, degraded []image.Image) error {
	cfg.Engine = face.EngineArcFace
	m, err := face.OpenMatcher(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	imgs := imagesOf(photos)
	sel, err := studyEmbed(ctx, cfg, m, imgs, face.Selfie)
	if err != nil {
		return err
	}
	cc, err := studyEmbed(ctx, cfg, m, clean, face.Card)
	if err != nil {
		return err
	}
	cd, err := studyEmbed(ctx, cfg, m, degraded, face.Card)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n### Study: views of the same faces (held-out protocol, card vs selfie)\n\n")
	fmt.Fprintln(w, "| views averaged | d′ photo vs photo | d′ card vs selfie | held-out FNMR (pooled) | fold sd | FMR | nested FNMR / FMR |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, c := range studyConfigs {
		cmp := studyPairs(photos, sel, cc, cd, c)
		dumpPairs("study "+strings.Join(c, "+"), cmp)
		var pp pairs
		for i := range photos {
			for j := i + 1; j < len(photos); j++ {
				a, b := sel[i].avg(c), sel[j].avg(c)
				pp.add(photos[i].identity == photos[j].identity, onnx.Cosine(a, b), a != nil && b != nil)
			}
		}
		fmt.Fprintf(w, "| %s | %.2f ", strings.Join(c, "+"), dprime(pp))
		printStudyLine(w, "", cmp)
	}
	cfg.Engine = face.EngineDlib
	dm, err := face.OpenMatcher(cfg)
	if err != nil {
		return err
	}
	defer dm.Close()
	dlRun, err := evalEngine(ctx, dm, photos, clean, degraded, cfg.Workers)
	if err != nil {
		return err
	}
	printStudyLine(w, "dlib alone", dlRun.labelled)
	dumpPairs("study dlib", dlRun.labelled)
	studyFusion(w, studyPairs(photos, sel, cc, cd, []string{"base"}), dlRun.labelled)
	studyQuality(w, photos, sel, cc, cd)
	return nil
}

// qualityLimits is one hypothetical set of face_quality_low limits.
type qualityLimits struct {
	name                  string
	minEye, minSharp, yaw float64
	minBright, maxBright  float64
}

func (l qualityLimits) low(s studied) bool {
	q := s["quality"]
	return float64(q[0]) < l.minEye || float64(q[1]) < l.minSharp || float64(q[2]) > l.yaw ||
		float64(q[3]) < l.minBright || float64(q[3]) > l.maxBright
}

// studyQuality asks whether face_quality_low could raise the straight-through rate: pairs with a face below
// the limits go to review whatever their score (they count as not approved), and the held-out protocol is
// run on the remaining pairs (grey embeddings), so the band is calibrated on good pictures only.
func studyQuality(w io.Writer, photos []photo, sel, cc, cd []studied) {
	fmt.Fprintf(w, "\n#### face_quality_low limits (grey embeddings, held-out protocol; a flagged pair is never approved)\n\n")
	fmt.Fprintln(w, "| limits | genuine pairs flagged | impostor pairs flagged | held-out FNMR (straight-through = 1 − FNMR) | FMR | nested FNMR / FMR |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, l := range []qualityLimits{
		{"shipped: eyes >= 18 px, sharpness >= 1.5, yaw <= 0.45, grey 40..225", 18, 1.5, 0.45, 40, 225},
		{"sharpness >= 2.5", 18, 2.5, 0.45, 40, 225},
		{"sharpness >= 3.5", 18, 3.5, 0.45, 40, 225},
		{"eyes >= 30 px", 30, 1.5, 0.45, 40, 225},
		{"yaw <= 0.25", 18, 1.5, 0.25, 40, 225},
		{"eyes >= 30 px, sharpness >= 2.5, yaw <= 0.25", 30, 2.5, 0.25, 40, 225},
	} {
		cmp := studyPairs(photos, sel, cc, cd, []string{"grey"})
		var fg, fi int
		k := 0
		for i := range photos {
			for j := range photos {
				if i == j {
					continue
				}
				for _, card := range [][]studied{cc, cd} {
					c := &cmp[k]
					k++
					if c.ok && (l.low(card[i]) || l.low(sel[j])) {
						c.ok = false // to review as face_quality_low: never approved, not used for calibration
						if c.cardID == c.selfieID {
							fg++
						} else {
							fi++
						}
					}
				}
			}
		}
		s := summarize(heldOut(cmp))
		fmt.Fprintf(w, "| %s | %d | %d | %s (%d/%d) | %d/%d | %s / %d |\n", l.name, fg, fi, pct(ratio(s.fnm, s.genuine)),
			s.fnm, s.genuine, s.fm, s.impostor, pct(ratio(s.nestedFNM, s.genuine)), s.nestedFM)
	}
}

func studyPairs(photos []photo, sel, cc, cd []studied, names []string) []labelled {
	var out []labelled
	emb := func(s studied) []float32 { return s.avg(names) }
	for i := range photos {
		for j := range photos {
			if i == j {
				continue
			}
			for _, card := range [][]studied{cc, cd} {
				a, b := emb(card[i]), emb(sel[j])
				l := labelled{cardID: photos[i].identity, selfieID: photos[j].identity}
				if a != nil && b != nil {
					l.sim, l.ok = onnx.Cosine(a, b), true
				}
				out = append(out, l)
			}
		}
	}
	return out
}

func printStudyLine(w io.Writer, name string, cmp []labelled) {
	var p pairs
	for _, c := range cmp {
		p.add(c.cardID == c.selfieID, c.sim, c.ok)
	}
	s := summarize(heldOut(cmp))
	if name != "" {
		fmt.Fprintf(w, "| %s | - ", name)
	}
	fmt.Fprintf(w, "| %.2f | %s (%d/%d) | %s | %d/%d | %s / %d |\n", dprime(p), pct(ratio(s.fnm, s.genuine)),
		s.fnm, s.genuine, pct(s.fnmrSD), s.fm, s.impostor, pct(ratio(s.nestedFNM, s.genuine)), s.nestedFM)
}

// studyFusion fits, for each fold, a logistic regression of "same person" on (ArcFace cosine, dlib
// similarity) over that fold's calibration pairs only (class-balanced), and judges its logit with the
// held-out protocol.
func studyFusion(w io.Writer, arc, dl []labelled) {
	fused := func(f int, fold map[string]int) []labelled {
		var xs [][]float64
		var ys []bool
		for i, c := range arc {
			if c.ok && dl[i].ok && fold[c.cardID] != f && fold[c.selfieID] != f {
				xs = append(xs, []float64{c.sim, dl[i].sim})
				ys = append(ys, c.cardID == c.selfieID)
			}
		}
		// The ridge of the gradient-descent fit this replaced (1e-3 with weights summing to 1).
		m := fitBalancedLogistic(xs, ys, 1e-3*float64(len(xs)))
		out := make([]labelled, len(arc))
		for i, c := range arc {
			out[i] = labelled{cardID: c.cardID, selfieID: c.selfieID, ok: c.ok && dl[i].ok}
			out[i].sim = m.logit([]float64{c.sim, dl[i].sim})
		}
		return out
	}
	fold, _ := foldsOf(arc)
	cache := map[int][]labelled{}
	scored := func(f int) []labelled {
		if cache[f] == nil {
			cache[f] = fused(f, fold)
		}
		return cache[f]
	}
	s := summarize(heldOutWith(arc, scored))
	fmt.Fprintf(w, "| fusion arcface(base)+dlib, logistic regression per fold | - | - | %s (%d/%d) | %s | %d/%d | %s / %d |\n",
		pct(ratio(s.fnm, s.genuine)), s.fnm, s.genuine, pct(s.fnmrSD), s.fm, s.impostor,
		pct(ratio(s.nestedFNM, s.genuine)), s.nestedFM)
}
