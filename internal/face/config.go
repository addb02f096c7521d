package face

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"

	"github.com/enxtai/kyc/internal/face/dlib"
)

// Config is everything the face engine needs; internal/config fills it from the environment.
type Config struct {
	// Engine selects the face matcher. Default EngineArcFace: the harness (bench/face.md) shows it separates
	// people far better than dlib on our test faces.
	Engine Engine
	// ModelsDir holds dlib/, faceplugin/ and liveness/ as laid out by `make face-models`.
	ModelsDir string
	// OnnxRuntimeLib is the path of libonnxruntime.so (1.24.x), needed by the ArcFace engine and liveness.
	OnnxRuntimeLib string
	// Detector selects the face search (DetectorCascade by default: bench/face.md step 1).
	Detector Detector
	// Alignment selects the points the ArcFace engine aligns by (bench/face.md step 2).
	Alignment Alignment
	// FlipTTA averages the embedding of the aligned face with that of its mirror image (ArcFace engine). Off
	// by default since the third pass of issue 17: with the equalised view (Equalise) instead of the mirror,
	// the held-out FNMR over 200 random deals fell from 67.3% (grey, flip) to 58.0% for the same two
	// embeddings, and adding the mirror to that pair raised it again (64.0%); the mirror's earlier gain
	// (75.6% → 67.3% on grey) was never robust (bench/face.md, issue 17 second and third pass).
	FlipTTA bool
	// Grey embeds the aligned face's luma only (ArcFace engine). On by default: without colour, same-person and
	// different-person pairs separated better both photo vs photo and card vs selfie (d′ 1.88 → 2.04 and
	// 1.84 → 2.00) and the highest different-person similarity fell (bench/face.md, issue 17 second pass).
	Grey bool
	// Equalise adds a contrast-equalised grey view of the aligned face to the views averaged (ArcFace
	// engine): EqualiseNone or EqualiseHistogram (default). With Grey, histogram equalisation lowered the
	// held-out FNMR over 200 random deals from 67.3% (grey, flip) to 58.0% (57.1% on a second rendering of
	// the cards) with as many impostors past the nested margin (bench/face.md, issue 17 third pass, where
	// CLAHE and a card searched at 2048 px were measured too, did not help, and were removed).
	Equalise Equalisation
	// Gamma adds a third grey view whose mean is brought to mid-grey by a power law (onnx.GammaChip;
	// ArcFace engine). On by default since the fourth pass of issue 17: beside grey + histogram-equalised
	// it lowered the held-out FNMR over 200 random deals from 58.0% to 55.8% (57.1% → 52.1% and 54.2% on two
	// more renderings of the cards), better in 190-199 of the 200 deals, with no more impostors past the
	// nested margin; on its own beside grey it did not help (75.1% against 75.6%) (bench/face.md).
	Gamma bool
	// Views, when not empty, replaces the views Grey, FlipTTA and Equalise select (ArcFace engine): each
	// is applied to the aligned colour chip of both the card and the selfie, and the embeddings are
	// averaged. Empty by default and not read from the environment; the harness compares chip transforms
	// on the engine itself with it (bench/cmd/eval-face -fourth).
	Views []ChipView
	// Liveness selects the passive liveness model, or LivenessNone.
	Liveness LivenessModel
	// Workers is how many detections/inferences run at once (one dlib model copy each).
	Workers int
	// Threads is the ONNX runtime's thread count per inference.
	Threads int
	// MaxSide is the long side, in pixels, at which pictures are searched for faces first.
	MaxSide int
	// Bands are the default decision bands (a client's bands may replace them per request).
	Bands Bands
	// TuneMalloc sets glibc malloc options that keep the memory of dlib's detections from piling up in
	// malloc arenas (see dlib.TuneMalloc); process-wide, on by default.
	TuneMalloc bool
}

// DefaultConfig returns the calibrated defaults, with paths relative to the repository root (where
// `make face-models` puts the files).
func DefaultConfig() Config {
	return Config{
		Engine:         EngineArcFace,
		ModelsDir:      ".cache/models",
		OnnxRuntimeLib: ".cache/lib/onnxruntime-1.24.1/libonnxruntime.so.1",
		Detector:       DetectorCascade,
		Alignment:      AlignFivePoint,
		FlipTTA:        false,
		Grey:           true,
		Equalise:       EqualiseHistogram,
		Gamma:          true,
		Liveness:       LivenessFused,
		Workers:        runtime.GOMAXPROCS(0),
		Threads:        1,
		MaxSide:        1024,
		Bands:          DefaultBands(LivenessFused),
		TuneMalloc:     true,
	}
}

// Validate reports every invalid setting.
func (c Config) Validate() error {
	var errs []error
	if _, ok := CalibrationOf(c.Engine); !ok {
		errs = append(errs, fmt.Errorf("unknown engine %q (want %q or %q)", c.Engine, EngineArcFace, EngineDlib))
	}
	switch c.Detector {
	case DetectorHOG, DetectorCascade:
	default:
		errs = append(errs, fmt.Errorf("unknown detector %q (want %q or %q)", c.Detector, DetectorHOG, DetectorCascade))
	}
	switch c.Alignment {
	case AlignEyesNose, AlignFivePoint:
	default:
		errs = append(errs, fmt.Errorf("unknown alignment %q (want %q or %q)", c.Alignment, AlignEyesNose, AlignFivePoint))
	}
	switch c.Equalise {
	case EqualiseNone, EqualiseHistogram:
	default:
		errs = append(errs, fmt.Errorf("unknown equalisation %q (want %q or %q)", c.Equalise, EqualiseNone,
			EqualiseHistogram))
	}
	switch c.Liveness {
	case LivenessMiniFASNet, LivenessFR, LivenessFused, LivenessNone:
	default:
		errs = append(errs, fmt.Errorf("unknown liveness model %q (want %q, %q, %q or %q)",
			c.Liveness, LivenessMiniFASNet, LivenessFR, LivenessFused, LivenessNone))
	}
	if c.ModelsDir == "" {
		errs = append(errs, errors.New("models directory is empty"))
	}
	if c.Workers < 1 || c.Threads < 1 {
		errs = append(errs, fmt.Errorf("workers (%d) and threads (%d) must be >= 1", c.Workers, c.Threads))
	}
	if c.MaxSide < 320 || c.MaxSide > 4096 {
		errs = append(errs, fmt.Errorf("max side %d must be within 320..4096", c.MaxSide))
	}
	if err := c.Bands.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("face: config: %w", err)
	}
	return nil
}

// Model files below ModelsDir (the layout of mk/face.mk).
const (
	fileLandmarks  = "dlib/shape_predictor_5_face_landmarks.dat"
	fileDlibNet    = "dlib/dlib_face_recognition_resnet_model_v1.dat"
	fileArcFace    = "faceplugin/fr_feature.onnx"
	fileFRLiveness = "faceplugin/fr_liveness.onnx"
	fileFRDetect   = "faceplugin/fr_detect.onnx"
	fileFRLandmark = "faceplugin/fr_landmark.onnx"
	fileMiniFASNet = "liveness/minifasnet_v2se_128_best_model.onnx"
)

func (c Config) path(rel string) string { return filepath.Join(c.ModelsDir, filepath.FromSlash(rel)) }

// OpenMatcher loads the configured engine.
func OpenMatcher(cfg Config) (FaceMatcher, error) {
	if cfg.MaxSide < 320 {
		return nil, fmt.Errorf("face: max side %d is below 320 pixels", cfg.MaxSide)
	}
	if cfg.TuneMalloc {
		if err := dlib.TuneMalloc(); err != nil {
			return nil, fmt.Errorf("face: %w", err)
		}
	}
	switch cfg.Engine {
	case EngineArcFace:
		return openArcFace(cfg)
	case EngineDlib:
		return openDlib(cfg)
	}
	return nil, fmt.Errorf("face: unknown engine %q", cfg.Engine)
}
