package face_test

import (
	"context"
	"image"
	"strings"
	"testing"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/face/raster"
)

// panicky is a FaceMatcher whose Find or Embed panics on the card's side (run on a goroutine of the
// verifier's own) or the selfie's.
type panicky struct{ findOn, embedOn face.Source }

func (p panicky) Name() face.Engine { return "panicky" }
func (p panicky) Find(_ context.Context, img *raster.RGB, src face.Source) (face.Found, error) {
	if src == p.findOn {
		panic("index out of range in the detector")
	}
	// Scale tells the sides apart in Embed.
	return face.Found{Image: img, Scale: float64(src) + 1, Faces: []face.Face{{Box: image.Rect(0, 0, 10, 10)}}}, nil
}
func (p panicky) Embed(_ context.Context, f face.Found, _ int) (face.Embedding, error) {
	if f.Scale == float64(p.embedOn)+1 {
		panic("nil embedding")
	}
	return face.Embedding{1}, nil
}
func (panicky) Similarity(a, b face.Embedding) float64 { return 1 }
func (panicky) Calibration() face.Calibration          { return face.Calibration{} }
func (panicky) Close() error                           { return nil }

// TestEnginePanicFailsTheVerificationOnly: a panic in the engine, on the verifier's own goroutine or the
// caller's, is that verification's error; the test binary (the process) lives on.
func TestEnginePanicFailsTheVerificationOnly(t *testing.T) {
	img := raster.FromImage(image.NewRGBA(image.Rect(0, 0, 64, 64)))
	for name, m := range map[string]panicky{
		"find on the card (own goroutine)":  {findOn: face.Card, embedOn: -1},
		"find on the selfie":                {findOn: face.Selfie, embedOn: -1},
		"embed of the card (own goroutine)": {findOn: -1, embedOn: face.Card},
		"embed of the selfie":               {findOn: -1, embedOn: face.Selfie},
	} {
		t.Run(name, func(t *testing.T) {
			v := face.NewVerifier(m, nil, face.Bands{})
			_, err := v.Measure(context.Background(), img, img)
			if err == nil || !strings.Contains(err.Error(), "panic") {
				t.Fatalf("Measure: %v, want the panic as an error", err)
			}
		})
	}
}
