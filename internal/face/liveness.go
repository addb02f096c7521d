package face

import (
	"context"
	"fmt"
	"image"

	"github.com/enxtai/kyc/internal/face/onnx"
	"github.com/enxtai/kyc/internal/face/raster"
)

// LivenessModel names a passive (single-image) liveness model, or none.
type LivenessModel string

const (
	// LivenessMiniFASNet is MiniFASNetV2-SE (face-antispoof-onnx, Apache-2.0 code; trained on CelebA-Spoof,
	// non-commercial research terms).
	LivenessMiniFASNet LivenessModel = LivenessModel(onnx.MiniFASNetV2SE)
	// LivenessFR is fr_liveness.onnx from npm faceplugin-face-recognition-js@0.0.1 (package MIT; training data
	// undocumented).
	LivenessFR LivenessModel = LivenessModel(onnx.FRLiveness)
	// LivenessNone disables liveness: every session then goes to review with liveness_unavailable.
	LivenessNone LivenessModel = "none"
)

// LivenessChecker scores how likely the face in box is a live person (1) rather than a print or a screen (0).
type LivenessChecker interface {
	Name() string
	Score(ctx context.Context, img *raster.RGB, box image.Rectangle) (float64, error)
	Close() error
}

// The per-model threshold on the live-class probability, calibrated by `make eval-face`: the highest that
// keeps BPCER <= 10% on the live test photos, against the synthetic print and screen attacks of
// internal/testkit/attacks (bench/face.md). A disabled model gets MiniFASNet's value, so that Bands stay
// valid (no liveness score means review anyway).
func livenessThreshold(l LivenessModel) float64 {
	if l == LivenessFR {
		return 0.76
	}
	return 0.55
}

// liveness wraps an ONNX liveness model with the runtime handle it holds open.
type liveness struct {
	*onnx.Liveness
	rt *onnx.Runtime
}

func (l liveness) Close() error {
	err := l.Liveness.Close()
	if e := l.rt.Close(); err == nil {
		err = e
	}
	return err
}

// OpenLiveness loads cfg.Liveness. It fails (and the caller decides whether to run without liveness) when the
// model is none, its file is missing or the ONNX runtime cannot be loaded.
func OpenLiveness(cfg Config) (LivenessChecker, error) {
	var file string
	switch cfg.Liveness {
	case LivenessMiniFASNet:
		file = fileMiniFASNet
	case LivenessFR:
		file = fileFRLiveness
	case LivenessNone, "":
		return nil, fmt.Errorf("face: liveness disabled by configuration")
	default:
		return nil, fmt.Errorf("face: unknown liveness model %q", cfg.Liveness)
	}
	rt, err := onnx.OpenRuntime(cfg.OnnxRuntimeLib)
	if err != nil {
		return nil, fmt.Errorf("face: liveness %s: %w", cfg.Liveness, err)
	}
	m, err := rt.LoadLiveness(onnx.LivenessKind(cfg.Liveness), cfg.path(file),
		onnx.Options{Workers: cfg.Workers, Threads: cfg.Threads})
	if err != nil {
		rt.Close()
		return nil, fmt.Errorf("face: liveness %s: %w", cfg.Liveness, err)
	}
	return liveness{Liveness: m, rt: rt}, nil
}
