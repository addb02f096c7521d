package face

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/enxtai/kyc/internal/face/dlib"
	"github.com/enxtai/kyc/internal/face/onnx"
)

// dlibMatcher is EngineDlib: HOG detection and dlib's ResNet descriptor in the same per-worker model copy.
type dlibMatcher struct {
	hogFinder
	rt *onnx.Runtime // with DetectorCascade
}

var _ FaceMatcher = (*dlibMatcher)(nil)

func openDlib(cfg Config) (*dlibMatcher, error) {
	pool, err := dlib.Open(dlib.Models{Landmarks: cfg.path(fileLandmarks), Descriptor: cfg.path(fileDlibNet)}, cfg.Workers)
	if err != nil {
		return nil, fmt.Errorf("face: open dlib engine: %w", err)
	}
	m := &dlibMatcher{hogFinder: hogFinder{pool: pool, maxSide: cfg.MaxSide}}
	if cfg.Detector == DetectorCascade {
		if m.rt, err = onnx.OpenRuntime(cfg.OnnxRuntimeLib); err == nil {
			m.cnn, err = m.rt.LoadFRDetect(cfg.path(fileFRDetect), onnx.Options{Workers: cfg.Workers, Threads: cfg.Threads})
		}
		if err != nil {
			m.Close()
			return nil, fmt.Errorf("face: open dlib engine: %w", err)
		}
	}
	return m, nil
}

func (m *dlibMatcher) Name() Engine { return EngineDlib }

func (m *dlibMatcher) Embed(ctx context.Context, f Found, i int) (Embedding, error) {
	if i < 0 || i >= len(f.Faces) {
		return nil, fmt.Errorf("face: embed: no face %d of %d", i, len(f.Faces))
	}
	d, err := toDlib(f.Faces[i])
	if err != nil {
		return nil, err
	}
	v, err := m.pool.Describe(ctx, f.Image, d)
	if err != nil {
		return nil, fmt.Errorf("face: embed: %w", err)
	}
	return Embedding(v[:]), nil
}

// Similarity is 1 − Euclidean distance, so that higher means more alike like the other engine. dlib's own
// rule of thumb, distance < 0.6 ⇔ similarity > 0.4, accepted 86% of impostor pairs on our test faces.
func (m *dlibMatcher) Similarity(a, b Embedding) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return math.Inf(-1)
	}
	var s float64
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return 1 - math.Sqrt(s)
}

func (m *dlibMatcher) Calibration() Calibration { return dlibCalibration }

func (m *dlibMatcher) Close() error {
	err := m.pool.Close()
	if m.cnn != nil {
		err = errors.Join(err, m.cnn.Close())
	}
	if m.rt != nil {
		err = errors.Join(err, m.rt.Close())
	}
	return err
}
