package face

import (
	"context"
	"errors"
	"fmt"
	"image"
	"log/slog"

	"github.com/enxtai/kyc/internal/face/raster"
)

// Measurement is what the engine saw, before any bands are applied.
type Measurement struct {
	Engine Engine
	// CardFaces is the number of faces found on the card (the largest is compared).
	CardFaces int
	// SelfieFaces counts the clear faces in the selfie (the largest, and others at least 0.4 as wide).
	SelfieFaces int
	// Similarity is the engine's raw similarity (cosine for arcface, 1 − distance for dlib); nil when a face
	// is missing on either side.
	Similarity *float64
	// FaceMatchScore is Similarity mapped onto 0..1 by the engine's Calibration; nil with Similarity.
	FaceMatchScore *float64
	// CardQuality and SelfieQuality describe the compared faces; nil when that side has no face.
	CardQuality, SelfieQuality *Quality
	// LivenessModel names the model behind LivenessScore; empty when liveness is unavailable.
	LivenessModel string
	// LivenessScore is the model's live-class probability for the selfie's face; nil when unavailable or
	// when the selfie has no face.
	LivenessScore *float64
	// CardBox and SelfieBox are the compared faces' boxes in the pixels of the images given (the card's, or
	// the best reference's, and the selfie's); nil when that side has no face. Reviewers see crops of them.
	CardBox, SelfieBox *image.Rectangle
}

// Result is a Measurement with the Decision of the bands it was verified with.
type Result struct {
	Measurement
	Decision
}

// Verifier compares card photos with selfies. Safe for concurrent use.
type Verifier struct {
	matcher  FaceMatcher
	liveness LivenessChecker // nil: unavailable, every result is sent to review
	bands    Bands
}

// New loads the engine and the liveness model. A liveness model that cannot be loaded is not an error:
// it is logged at error level and every result then carries liveness_unavailable (never auto-approved).
func New(cfg Config, log *slog.Logger) (*Verifier, error) {
	if log == nil {
		log = slog.Default()
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m, err := OpenMatcher(cfg)
	if err != nil {
		return nil, err
	}
	l, bands := openLivenessOrFallback(cfg, log)
	return NewVerifier(m, l, bands), nil
}

// openLivenessOrFallback opens cfg.Liveness; when that model cannot be loaded (a fresh clone without
// ../shared has no MiniFASNet), it falls back to fr_liveness, which `make face-models` always fetches from
// npm, with that model's calibrated threshold when the bands carried the configured model's default. Either
// way it says so at error level: running on a weaker model, or without liveness (every session to review),
// is never silent.
func openLivenessOrFallback(cfg Config, log *slog.Logger) (LivenessChecker, Bands) {
	l, err := OpenLiveness(cfg)
	if err == nil || cfg.Liveness == LivenessNone || cfg.Liveness == LivenessFR {
		if err != nil {
			log.Error("LIVENESS UNAVAILABLE: every face verification will go to human review",
				"liveness_model", string(cfg.Liveness), "error", err)
		}
		return l, cfg.Bands
	}
	fb := cfg
	fb.Liveness = LivenessFR
	l, fbErr := OpenLiveness(fb)
	if fbErr != nil {
		log.Error("LIVENESS UNAVAILABLE: every face verification will go to human review",
			"liveness_model", string(cfg.Liveness), "error", err, "fallback_error", fbErr)
		return nil, cfg.Bands
	}
	bands := cfg.Bands
	if bands.MinLiveness == livenessThreshold(cfg.Liveness) {
		bands.MinLiveness = livenessThreshold(LivenessFR)
	}
	log.Error("LIVENESS MODEL FALLBACK: the configured model could not be loaded; using fr_liveness, which "+
		"accepted more attacks on our harness (bench/face.md)", "liveness_model", string(cfg.Liveness),
		"error", err, "fallback", string(LivenessFR), "min_liveness", bands.MinLiveness)
	return l, bands
}

// NewVerifier assembles a Verifier from opened parts (liveness may be nil); it takes ownership of both.
func NewVerifier(m FaceMatcher, l LivenessChecker, b Bands) *Verifier {
	return &Verifier{matcher: m, liveness: l, bands: b}
}

// Engine is the face engine in use.
func (v *Verifier) Engine() Engine { return v.matcher.Name() }

// LivenessAvailable reports whether a liveness model is loaded.
func (v *Verifier) LivenessAvailable() bool { return v.liveness != nil }

// LivenessModel names the liveness model in use ("" when unavailable).
func (v *Verifier) LivenessModel() string {
	if v.liveness == nil {
		return ""
	}
	return v.liveness.Name()
}

// Bands are the default bands.
func (v *Verifier) Bands() Bands { return v.bands }

// Verify compares the face printed on an Aadhaar front with the selfie and decides with the default bands.
func (v *Verifier) Verify(ctx context.Context, aadhaarFront, selfie image.Image) (Result, error) {
	return v.VerifyWith(ctx, aadhaarFront, selfie, v.bands)
}

// VerifyWith is Verify with a client's bands. Missing or extra faces are review reasons in the Result;
// an error means the engine failed (or ctx ended) and the verification should be retried.
func (v *Verifier) VerifyWith(ctx context.Context, aadhaarFront, selfie image.Image, b Bands) (Result, error) {
	if aadhaarFront == nil || selfie == nil || aadhaarFront.Bounds().Empty() || selfie.Bounds().Empty() {
		return Result{}, errors.New("face: verify: card and selfie images are required")
	}
	m, err := v.Measure(ctx, raster.FromImage(aadhaarFront), raster.FromImage(selfie))
	if err != nil {
		return Result{}, err
	}
	return Result{Measurement: m, Decision: b.Decide(m)}, nil
}

// Measure runs the engines without deciding: faces on both sides (searched in parallel), the match of the
// card's largest face with the selfie's largest, and liveness of the selfie's largest face.
func (v *Verifier) Measure(ctx context.Context, card, selfie *raster.RGB) (Measurement, error) {
	m := Measurement{Engine: v.matcher.Name()}
	fctx, match := startMatch(ctx, m.Engine)
	selfieFound, err := v.match(fctx, card, selfie, &m)
	match.End(err)
	if err != nil {
		return m, err
	}
	if v.liveness != nil && m.SelfieFaces > 0 {
		lctx, span := startLiveness(ctx, v.liveness.Name())
		s, err := v.liveness.Score(lctx, selfieFound.Image, selfieFound.Faces[0].Box)
		span.End(err)
		if err != nil {
			return m, fmt.Errorf("face: verify: liveness: %w", err)
		}
		m.LivenessModel, m.LivenessScore = v.liveness.Name(), &s
	}
	return m, nil
}

// match finds the faces on both sides (in parallel) and, when each side has one, compares the largest; it
// fills m's face counts and scores and returns the selfie's faces for liveness.
func (v *Verifier) match(ctx context.Context, card, selfie *raster.RGB, m *Measurement) (Found, error) {
	dctx, detect := startDetect(ctx)
	var cardFound Found
	var cardErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer recovered(&cardErr)
		cardFound, cardErr = v.matcher.Find(dctx, card, Card)
	}()
	selfieFound, err := v.find(dctx, selfie, Selfie)
	<-done
	err = errors.Join(cardErr, err)
	detect.End(err)
	if err != nil {
		return selfieFound, fmt.Errorf("face: verify: %w", err)
	}
	m.CardFaces, m.SelfieFaces = len(cardFound.Faces), clearFaces(selfieFound.Faces)
	m.CardBox = originalBox(cardFound, 0, image.Pt(card.W, card.H))
	m.SelfieBox = originalBox(selfieFound, 0, image.Pt(selfie.W, selfie.H))
	if m.CardFaces > 0 {
		q := measureQuality(cardFound, cardFound.Faces[0])
		m.CardQuality = &q
	}
	if m.SelfieFaces > 0 {
		q := measureQuality(selfieFound, selfieFound.Faces[0])
		m.SelfieQuality = &q
	}

	if m.CardFaces > 0 && m.SelfieFaces > 0 {
		ectx, embed := startEmbed(ctx)
		sim, err := v.compare(ectx, cardFound, selfieFound)
		embed.End(err)
		if err != nil {
			return selfieFound, fmt.Errorf("face: verify: %w", err)
		}
		score := v.matcher.Calibration().Score(sim)
		m.Similarity, m.FaceMatchScore = &sim, &score
	}
	return selfieFound, nil
}

// compare embeds the largest face of each side (in parallel) and returns their similarity.
func (v *Verifier) compare(ctx context.Context, card, selfie Found) (float64, error) {
	var a Embedding
	var aErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer recovered(&aErr)
		a, aErr = v.matcher.Embed(ctx, card, 0)
	}()
	b, err := v.embed(ctx, selfie)
	<-done
	if err = errors.Join(aErr, err); err != nil {
		return 0, err
	}
	return v.matcher.Similarity(a, b), nil
}

// find and embed run the engine on the calling goroutine, recovering a panic like the goroutines beside them.
func (v *Verifier) find(ctx context.Context, img *raster.RGB, src Source) (f Found, err error) {
	defer recovered(&err)
	return v.matcher.Find(ctx, img, src)
}

func (v *Verifier) embed(ctx context.Context, f Found) (e Embedding, err error) {
	defer recovered(&err)
	return v.matcher.Embed(ctx, f, 0)
}

// Close frees the engines.
func (v *Verifier) Close() error {
	err := v.matcher.Close()
	if v.liveness != nil {
		err = errors.Join(err, v.liveness.Close())
	}
	return err
}
