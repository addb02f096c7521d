package face

import (
	"context"
	"errors"
	"fmt"

	"github.com/enxtai/kyc/internal/face/dlib"
	"github.com/enxtai/kyc/internal/face/onnx"
)

// arcFaceMatcher is EngineArcFace: dlib finds the face, its eyes and nose base, the face is aligned to the
// ArcFace reference points and fr_feature.onnx embeds it.
type arcFaceMatcher struct {
	hogFinder
	model *onnx.ArcFace
	rt    *onnx.Runtime
}

var _ FaceMatcher = (*arcFaceMatcher)(nil)

func openArcFace(cfg Config) (*arcFaceMatcher, error) {
	rt, err := onnx.OpenRuntime(cfg.OnnxRuntimeLib)
	if err != nil {
		return nil, fmt.Errorf("face: open arcface engine: %w", err)
	}
	model, err := rt.LoadArcFace(cfg.path(fileArcFace), onnx.Options{Workers: cfg.Workers, Threads: cfg.Threads})
	if err != nil {
		rt.Close()
		return nil, fmt.Errorf("face: open arcface engine: %w", err)
	}
	pool, err := dlib.Open(dlib.Models{Landmarks: cfg.path(fileLandmarks)}, cfg.Workers)
	if err != nil {
		model.Close()
		rt.Close()
		return nil, fmt.Errorf("face: open arcface engine: %w", err)
	}
	return &arcFaceMatcher{hogFinder: hogFinder{pool: pool, maxSide: cfg.MaxSide}, model: model, rt: rt}, nil
}

func (m *arcFaceMatcher) Name() Engine { return EngineArcFace }

func (m *arcFaceMatcher) Embed(ctx context.Context, f Found, i int) (Embedding, error) {
	if i < 0 || i >= len(f.Faces) {
		return nil, fmt.Errorf("face: embed: no face %d of %d", i, len(f.Faces))
	}
	fc := f.Faces[i]
	chip, err := onnx.AlignArcFace(f.Image, fc.Eyes[0], fc.Eyes[1], fc.NoseBase)
	if err != nil {
		return nil, fmt.Errorf("face: embed: %w", err)
	}
	v, err := m.model.Embed(ctx, chip)
	if err != nil {
		return nil, fmt.Errorf("face: embed: %w", err)
	}
	return Embedding(v), nil
}

// Similarity is the cosine of the two embeddings, in [-1, 1].
func (m *arcFaceMatcher) Similarity(a, b Embedding) float64 { return onnx.Cosine(a, b) }

func (m *arcFaceMatcher) Calibration() Calibration { return arcFaceCalibration }

func (m *arcFaceMatcher) Close() error {
	return errors.Join(m.model.Close(), m.pool.Close(), m.rt.Close())
}
