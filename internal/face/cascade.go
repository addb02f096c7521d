package face

import (
	"context"
	"fmt"
	"image"
	"math"

	"github.com/enxtai/kyc/internal/face/dlib"
	"github.com/enxtai/kyc/internal/face/onnx"
	"github.com/enxtai/kyc/internal/face/raster"
)

// Detector selects how faces are searched for.
type Detector string

const (
	// DetectorHOG: dlib's HOG detector only, at the working size and once more at twice that (cards).
	DetectorHOG Detector = "hog"
	// DetectorCascade: HOG first; when it finds nothing, fr_detect.onnx on the same working copy (a CNN
	// that finds faces HOG misses: turned, partly covered, small); only then HOG at twice the size. HOG
	// stays first because its boxes are what dlib's landmark model was trained on.
	DetectorCascade Detector = "cascade"
)

// frDetectMinScore is fr_detect's face probability cut-off (the package's own value).
const frDetectMinScore = 0.65

// The relation between a HOG box (a square of side s) and fr_detect's box of the same face, measured on
// the 32 test portraits where both found it: fr_detect's box is 0.92 s wide, 1.25 s tall, its centre
// 0.086 s higher. Used both ways: to give dlib's landmark model a HOG-shaped box for an fr_detect face,
// and to give fr_landmark the box shape it was trained on for a HOG face.
const (
	frBoxW, frBoxH, frBoxDY = 0.92, 1.25, -0.086
)

// hogBoxOf turns an fr_detect box into the HOG-shaped square dlib's landmark model expects.
func hogBoxOf(r image.Rectangle) image.Rectangle {
	s := (float64(r.Dx())/frBoxW + float64(r.Dy())/frBoxH) / 2
	cx := float64(r.Min.X+r.Max.X) / 2
	cy := float64(r.Min.Y+r.Max.Y)/2 - frBoxDY*s
	return squareAt(cx, cy, s, s)
}

// frBoxOf turns a HOG box into the box shape fr_detect (and so fr_landmark) uses.
func frBoxOf(r image.Rectangle) image.Rectangle {
	s := float64(r.Dx())
	cx := float64(r.Min.X+r.Max.X) / 2
	cy := float64(r.Min.Y+r.Max.Y)/2 + frBoxDY*s
	return squareAt(cx, cy, frBoxW*s, frBoxH*s)
}

func squareAt(cx, cy, w, h float64) image.Rectangle {
	return image.Rect(int(math.Round(cx-w/2)), int(math.Round(cy-h/2)), int(math.Round(cx+w/2)), int(math.Round(cy+h/2)))
}

// cnnFaces runs fr_detect on work and fits dlib's 5 landmarks to each box (largest first).
func (h *hogFinder) cnnFaces(ctx context.Context, work *raster.RGB) ([]Face, error) {
	dets, err := h.cnn.Detect(ctx, work, frDetectMinScore)
	if err != nil {
		return nil, err
	}
	var faces []Face
	for _, d := range dets[:min(len(dets), 32)] {
		f, err := h.pool.Shape(ctx, work, hogBoxOf(d.Box), d.Score)
		if err != nil {
			return nil, fmt.Errorf("landmarks of an fr_detect face: %w", err)
		}
		faces = append(faces, toFaces([]dlibFace{f})...)
	}
	return sortFaces(faces), nil
}

// isNilCloser reports whether c holds a typed nil pointer (a model that was not loaded).
func isNilCloser(c interface{ Close() error }) bool {
	switch v := c.(type) {
	case *onnx.ArcFace:
		return v == nil
	case *onnx.FRLandmark:
		return v == nil
	case *onnx.FRDetect:
		return v == nil
	case *dlib.Pool:
		return v == nil
	}
	return false
}
