package face

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/enxtai/kyc/internal/face/dlib"
	"github.com/enxtai/kyc/internal/face/onnx"
	"github.com/enxtai/kyc/internal/face/raster"
)

// hogFinder searches pictures with dlib's HOG detector. HOG needs faces of roughly 80 px or more, so a
// picture is first searched at MaxSide (large photos are shrunk, which is also what keeps latency bounded),
// and, when nothing is found, once more at twice that scale: a card is enlarged if need be (its photo is
// small by design), a selfie only regains resolution its original had (a face too small for HOG in the
// selfie itself is too small to compare, and goes to review as no_face_in_selfie).
type hogFinder struct {
	pool    *dlib.Pool
	cnn     *onnx.FRDetect // nil: HOG only (DetectorHOG)
	maxSide int
}

type dlibFace = dlib.Face

// Find implements FaceMatcher.Find for engines that detect with dlib.
func (h *hogFinder) Find(ctx context.Context, img *raster.RGB, src Source) (Found, error) {
	if img.Empty() {
		return Found{}, fmt.Errorf("face: find in %s: empty image", src)
	}
	first := math.Min(1, float64(h.maxSide)/float64(max(img.W, img.H)))
	second := 2 * first
	if src == Selfie {
		second = math.Min(1, second)
	}
	scales := []float64{first}
	if second > first {
		scales = append(scales, second)
	}
	var last Found
	for i, scale := range scales {
		work, applied := raster.ScaleBy(img, scale)
		dets, err := h.pool.Detect(ctx, work, 0)
		if err != nil {
			return Found{}, fmt.Errorf("face: find in %s: %w", src, err)
		}
		last = Found{Image: work, Scale: applied, Faces: toFaces(dets)}
		if len(last.Faces) == 0 && i == 0 && h.cnn != nil {
			if last.Faces, err = h.cnnFaces(ctx, work); err != nil {
				return Found{}, fmt.Errorf("face: find in %s: %w", src, err)
			}
		}
		if len(last.Faces) > 0 {
			break
		}
	}
	return last, nil
}

// toFaces converts detections, largest first (ties: more confident first).
func toFaces(dets []dlib.Face) []Face {
	out := make([]Face, len(dets))
	for i, d := range dets {
		// dlib's 5-point order: 0-1 corners of the eye on the image's right, 2-3 of the eye on its left.
		right := mid(d.Landmarks[0], d.Landmarks[1])
		left := mid(d.Landmarks[2], d.Landmarks[3])
		if left.X > right.X { // a face upside down or mirrored: keep "left" meaning the image's left
			left, right = right, left
		}
		out[i] = Face{Box: d.Rect, Confidence: d.Confidence, Eyes: [2]raster.Point{left, right},
			NoseBase: d.Landmarks[4], Landmarks: append([]raster.Point(nil), d.Landmarks[:]...)}
	}
	return sortFaces(out)
}

// sortFaces orders faces largest first (ties: more confident first).
func sortFaces(out []Face) []Face {
	sort.SliceStable(out, func(i, j int) bool {
		ai, aj := area(out[i]), area(out[j])
		if ai != aj {
			return ai > aj
		}
		return out[i].Confidence > out[j].Confidence
	})
	return out
}

func area(f Face) int { return f.Box.Dx() * f.Box.Dy() }

func mid(a, b raster.Point) raster.Point { return raster.Point{X: (a.X + b.X) / 2, Y: (a.Y + b.Y) / 2} }

// toDlib rebuilds the detection the dlib descriptor needs from a Face.
func toDlib(f Face) (dlib.Face, error) {
	d := dlib.Face{Rect: f.Box, Confidence: f.Confidence}
	if len(f.Landmarks) != len(d.Landmarks) {
		return d, fmt.Errorf("face: %d landmarks, the dlib descriptor needs %d", len(f.Landmarks), len(d.Landmarks))
	}
	copy(d.Landmarks[:], f.Landmarks)
	return d, nil
}

// clearFaces counts the faces that matter in a selfie: the largest and every other face at least
// secondaryFaceRatio as wide. A second person (or a photo held up beside the face) counts; a small face far
// in the background does not.
func clearFaces(faces []Face) int {
	if len(faces) == 0 {
		return 0
	}
	n := 0
	w := float64(faces[0].Box.Dx())
	for _, f := range faces {
		if float64(f.Box.Dx()) >= secondaryFaceRatio*w {
			n++
		}
	}
	return n
}

// secondaryFaceRatio: faces narrower than this fraction of the largest are ignored when counting.
const secondaryFaceRatio = 0.4
