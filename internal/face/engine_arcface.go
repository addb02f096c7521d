package face

import (
	"context"
	"errors"
	"fmt"

	"github.com/enxtai/kyc/internal/face/dlib"
	"github.com/enxtai/kyc/internal/face/onnx"
	"github.com/enxtai/kyc/internal/face/raster"
)

// Alignment selects the points a face is aligned by before the ArcFace-style embedding.
type Alignment string

const (
	// AlignEyesNose: dlib's eye centres and nose base, fitted to the template's eyes and a nose point
	// between its tip and mouth line (three points; no mouth in dlib's 5-point model).
	AlignEyesNose Alignment = "eyes-nose"
	// AlignFivePoint: the template's five points (eye centres, nose tip, mouth corners) from the 68 points
	// of fr_landmark.onnx.
	AlignFivePoint Alignment = "five-point"
)

// Equalisation selects an extra, contrast-equalised grey view of the aligned face (Config.Equalise).
type Equalisation string

// The equalisations Config.Equalise accepts (bench/face.md, third pass; CLAHE was measured there too and
// removed).
const (
	EqualiseNone      Equalisation = ""          // no extra view
	EqualiseHistogram Equalisation = "histogram" // global histogram equalisation (onnx.EqualiseChip)
)

// ChipView is one presentation of the aligned 112×112 colour chip to the embedding model (Config.Views).
type ChipView func(chip *raster.RGB) *raster.RGB

// arcFaceMatcher is EngineArcFace: the face is found (HOG or the cascade), aligned to the ArcFace reference
// points, reduced to grey when grey is set, and fr_feature.onnx embeds it; the embeddings of its mirror image
// (flip), of its contrast-equalised grey copy (eq) and of its gamma-normalised grey copy (gamma) are averaged
// in when set.
type arcFaceMatcher struct {
	hogFinder
	model *onnx.ArcFace
	lm    *onnx.FRLandmark // nil: AlignEyesNose
	flip  bool
	grey  bool
	eq    Equalisation
	gamma bool
	views []ChipView // not empty: replaces grey, flip and eq
	rt    *onnx.Runtime
}

var _ FaceMatcher = (*arcFaceMatcher)(nil)

func openArcFace(cfg Config) (m *arcFaceMatcher, err error) {
	m = &arcFaceMatcher{hogFinder: hogFinder{maxSide: cfg.MaxSide}, flip: cfg.FlipTTA,
		grey: cfg.Grey, eq: cfg.Equalise, gamma: cfg.Gamma,
		views: cfg.Views}
	defer func() {
		if err != nil {
			m.Close()
			m, err = nil, fmt.Errorf("face: open arcface engine: %w", err)
		}
	}()
	if m.rt, err = onnx.OpenRuntime(cfg.OnnxRuntimeLib); err != nil {
		return m, err
	}
	o := onnx.Options{Workers: cfg.Workers, Threads: cfg.Threads}
	if m.model, err = m.rt.LoadArcFace(cfg.path(fileArcFace), o); err != nil {
		return m, err
	}
	if cfg.Alignment == AlignFivePoint {
		if m.lm, err = m.rt.LoadFRLandmark(cfg.path(fileFRLandmark), o); err != nil {
			return m, err
		}
	}
	if cfg.Detector == DetectorCascade {
		if m.cnn, err = m.rt.LoadFRDetect(cfg.path(fileFRDetect), o); err != nil {
			return m, err
		}
	}
	m.pool, err = dlib.Open(dlib.Models{Landmarks: cfg.path(fileLandmarks)}, cfg.Workers)
	return m, err
}

func (m *arcFaceMatcher) Name() Engine { return EngineArcFace }

func (m *arcFaceMatcher) Embed(ctx context.Context, f Found, i int) (Embedding, error) {
	if i < 0 || i >= len(f.Faces) {
		return nil, fmt.Errorf("face: embed: no face %d of %d", i, len(f.Faces))
	}
	chip, err := m.align(ctx, f.Image, f.Faces[i])
	if err != nil {
		return nil, fmt.Errorf("face: embed: %w", err)
	}
	views := m.viewsOf(chip)
	embs := make([][]float32, len(views))
	for i, c := range views {
		if embs[i], err = m.model.Embed(ctx, c); err != nil {
			return nil, fmt.Errorf("face: embed: %w", err)
		}
	}
	v, err := onnx.Mean(embs...)
	if err != nil {
		return nil, fmt.Errorf("face: embed: %w", err)
	}
	return Embedding(v), nil
}

// viewsOf returns the chips embedded and averaged for one aligned face.
func (m *arcFaceMatcher) viewsOf(chip *raster.RGB) []*raster.RGB {
	if len(m.views) > 0 {
		out := make([]*raster.RGB, len(m.views))
		for i, v := range m.views {
			out[i] = v(chip)
		}
		return out
	}
	views := []*raster.RGB{chip}
	if m.grey {
		views[0] = onnx.GreyChip(chip)
	}
	if m.flip {
		views = append(views, onnx.FlipChip(views[0]))
	}
	if m.eq == EqualiseHistogram {
		views = append(views, onnx.EqualiseChip(chip))
	}
	if m.gamma {
		views = append(views, onnx.GammaChip(chip))
	}
	return views
}

// align cuts the 112×112 chip: by the five template points when the landmark model is loaded, else by
// dlib's eyes and nose base.
func (m *arcFaceMatcher) align(ctx context.Context, img *raster.RGB, fc Face) (*raster.RGB, error) {
	if m.lm == nil {
		return onnx.AlignArcFace(img, fc.Eyes[0], fc.Eyes[1], fc.NoseBase)
	}
	p, err := m.lm.Landmarks(ctx, img, frBoxOf(fc.Box))
	if err != nil {
		return nil, err
	}
	return onnx.AlignArcFace5(img, fivePoints(p))
}

// fivePoints picks the ArcFace template's points from the 68 iBUG landmarks: the eye centres (36-41 and
// 42-47), the nose tip (30) and the mouth corners (48, 54), each pair ordered image left first.
func fivePoints(p []raster.Point) [5]raster.Point {
	avg := func(from, to int) raster.Point {
		var s raster.Point
		for _, q := range p[from : to+1] {
			s.X, s.Y = s.X+q.X, s.Y+q.Y
		}
		n := float64(to - from + 1)
		return raster.Point{X: s.X / n, Y: s.Y / n}
	}
	le, re, lm, rm := avg(36, 41), avg(42, 47), p[48], p[54]
	if le.X > re.X {
		le, re = re, le
	}
	if lm.X > rm.X {
		lm, rm = rm, lm
	}
	return [5]raster.Point{le, re, p[30], lm, rm}
}

// Similarity is the cosine of the two embeddings, in [-1, 1].
func (m *arcFaceMatcher) Similarity(a, b Embedding) float64 { return onnx.Cosine(a, b) }

func (m *arcFaceMatcher) Calibration() Calibration { return arcFaceCalibration }

func (m *arcFaceMatcher) Close() error {
	var errs []error
	for _, c := range []interface{ Close() error }{m.model, m.lm, m.cnn, m.pool} {
		if c != nil && !isNilCloser(c) {
			errs = append(errs, c.Close())
		}
	}
	if m.rt != nil {
		errs = append(errs, m.rt.Close())
	}
	return errors.Join(errs...)
}
