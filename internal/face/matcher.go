package face

import (
	"context"
	"image"

	"github.com/enxtai/kyc/internal/face/raster"
)

// Engine names a face-recognition engine.
type Engine string

const (
	// EngineArcFace: dlib HOG detection and 5-point landmarks, alignment to the ArcFace reference eyes,
	// 512-d embedding by fr_feature.onnx, cosine similarity.
	EngineArcFace Engine = "arcface"
	// EngineDlib: dlib HOG detection, dlib's 128-d ResNet descriptor; Similarity is 1 − Euclidean distance.
	EngineDlib Engine = "dlib"
)

// Source says what kind of picture is searched: the card photo is small, so the search tries harder there.
type Source int

// The sources.
const (
	Selfie Source = iota
	Card
)

func (s Source) String() string {
	if s == Card {
		return "card"
	}
	return "selfie"
}

// Face is one detected face, in the coordinates of Found.Image.
type Face struct {
	Box        image.Rectangle
	Confidence float64 // detector score, higher is surer
	// Eyes are the centres of the eye on the image's left and on its right.
	Eyes [2]raster.Point
	// NoseBase is where the nose meets the upper lip.
	NoseBase raster.Point
	// Landmarks are the detector's raw points (dlib: eye corners and nose base).
	Landmarks []raster.Point
}

// Found is the result of a face search: the working copy of the picture the faces were found in (downscaled
// or enlarged from the original) and the faces, largest first.
type Found struct {
	Image *raster.RGB
	Scale float64 // working pixels per original pixel
	Faces []Face
}

// Embedding is an engine-specific face vector; only embeddings from the same engine are comparable.
type Embedding []float32

// FaceMatcher is one face-recognition engine. Implementations are safe for concurrent use.
type FaceMatcher interface {
	// Name is the engine's name, reported with every result.
	Name() Engine
	// Find searches img for faces.
	Find(ctx context.Context, img *raster.RGB, src Source) (Found, error)
	// Embed computes the embedding of f.Faces[i].
	Embed(ctx context.Context, f Found, i int) (Embedding, error)
	// Similarity compares two embeddings of this engine: higher is more alike.
	Similarity(a, b Embedding) float64
	// Calibration maps Similarity onto the 0..1 FaceMatchScore.
	Calibration() Calibration
	Close() error
}
