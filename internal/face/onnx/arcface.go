package onnx

import (
	"context"
	"fmt"
	"math"

	"github.com/enxtai/kyc/internal/face/raster"
)

// ArcFaceSize is the side of the aligned face the embedding model reads; ArcFaceDim is its output length.
const (
	ArcFaceSize = 112
	ArcFaceDim  = 512
)

// Where the aligned 112×112 chip puts the eye centres (left and right as seen in the image) and the base of
// the nose. The eyes are the usual ArcFace reference points. dlib's 5-point model marks the base of the nose
// (where it meets the lip), not the tip that the ArcFace template uses (56.03, 71.74), and it has no mouth
// corners; the base sits about halfway between the template's tip and mouth line (92.3), at y = 82. Fitting
// the three points by least squares instead of the eyes alone separated same-person from different-person
// pairs clearly better on our test faces (d' 2.8 against 2.2 photo-vs-photo; bench/face.md), with the
// result stable for y between 80 and 84.
var arcFaceReference = [3]raster.Point{{X: 38.2946, Y: 51.6963}, {X: 73.5318, Y: 51.5014}, {X: 56.0252, Y: 82}}

// ArcFaceTemplate is the usual five-point ArcFace template on the 112×112 chip: the eye centres (image left,
// image right), the nose tip and the mouth corners (image left, image right).
var ArcFaceTemplate = [5]raster.Point{{X: 38.2946, Y: 51.6963}, {X: 73.5318, Y: 51.5014}, {X: 56.0252, Y: 71.7366},
	{X: 41.5493, Y: 92.3655}, {X: 70.7299, Y: 92.2041}}

// AlignArcFace5 is AlignArcFace with the five template points (see ArcFaceTemplate), fitted by least squares.
func AlignArcFace5(img *raster.RGB, pts [5]raster.Point) (*raster.RGB, error) {
	t, err := raster.FitSimilarity(pts[:], ArcFaceTemplate[:])
	if err != nil {
		return nil, fmt.Errorf("onnx: align face: %w", err)
	}
	return raster.Warp(img, t, ArcFaceSize, ArcFaceSize)
}

// FlipChip mirrors an aligned chip left to right (the template is nearly symmetric, so the mirror is a
// second, slightly different view of the same face for test-time augmentation).
func FlipChip(chip *raster.RGB) *raster.RGB {
	out := raster.NewRGB(chip.W, chip.H)
	for y := 0; y < chip.H; y++ {
		for x := 0; x < chip.W; x++ {
			copy(out.Pix[3*(y*chip.W+chip.W-1-x):][:3], chip.Pix[3*(y*chip.W+x):][:3])
		}
	}
	return out
}

// GreyChip returns a copy of chip with each pixel's three channels set to its BT.601 luma. The embedding
// model still reads three channels; they now carry no colour. A printed card photo and a phone selfie differ
// most in colour (ink, fading, white balance), and dropping it separated same-person from different-person
// pairs better on our faces, photo vs photo as well as card vs selfie (bench/face.md, issue 17 step 7).
func GreyChip(chip *raster.RGB) *raster.RGB {
	out := raster.NewRGB(chip.W, chip.H)
	for i := 0; i < len(chip.Pix); i += 3 {
		y := 0.299*float64(chip.Pix[i]) + 0.587*float64(chip.Pix[i+1]) + 0.114*float64(chip.Pix[i+2])
		g := byte(math.Min(255, math.Round(y)))
		out.Pix[i], out.Pix[i+1], out.Pix[i+2] = g, g, g
	}
	return out
}

// Mean returns the L2-normalised mean of embeddings of one face (test-time augmentation).
func Mean(vs ...[]float32) ([]float32, error) {
	if len(vs) == 0 {
		return nil, fmt.Errorf("onnx: mean of no embeddings")
	}
	out := make([]float32, len(vs[0]))
	for _, v := range vs {
		if len(v) != len(out) {
			return nil, fmt.Errorf("onnx: embeddings of different lengths")
		}
		for i, x := range v {
			out[i] += x
		}
	}
	return normalize(out)
}

// ArcFace is the fr_feature.onnx embedding model: input "input" [1,3,112,112] RGB scaled to (v−127)/128,
// output "output" [1,512], compared by cosine similarity after L2 normalisation.
type ArcFace struct {
	m *Model
}

// LoadArcFace opens fr_feature.onnx.
func (r *Runtime) LoadArcFace(path string, o Options) (*ArcFace, error) {
	m, err := r.Load(path, "input", "output", []int64{1, 3, ArcFaceSize, ArcFaceSize}, []int64{1, ArcFaceDim}, o)
	if err != nil {
		return nil, err
	}
	return &ArcFace{m: m}, nil
}

// AlignArcFace cuts the 112×112 face chip out of img, rotating, scaling and shifting it so the eye centres
// and the nose base land as close as possible to the reference positions. leftEye is the eye on the image's
// left.
func AlignArcFace(img *raster.RGB, leftEye, rightEye, noseBase raster.Point) (*raster.RGB, error) {
	t, err := raster.FitSimilarity([]raster.Point{leftEye, rightEye, noseBase}, arcFaceReference[:])
	if err != nil {
		return nil, fmt.Errorf("onnx: align face: %w", err)
	}
	return raster.Warp(img, t, ArcFaceSize, ArcFaceSize)
}

// Embed returns the L2-normalised embedding of an aligned chip (see AlignArcFace).
func (a *ArcFace) Embed(ctx context.Context, chip *raster.RGB) ([]float32, error) {
	if chip == nil || chip.W != ArcFaceSize || chip.H != ArcFaceSize {
		return nil, fmt.Errorf("onnx: arcface chip must be %dx%d", ArcFaceSize, ArcFaceSize)
	}
	out, err := a.m.Run(ctx, planar(chip, 127, 1.0/128))
	if err != nil {
		return nil, err
	}
	return normalize(out)
}

// Close frees the model.
func (a *ArcFace) Close() error { return a.m.Close() }

// Cosine is the cosine similarity of two L2-normalised vectors of the same length (their dot product),
// in [-1, 1]; it returns -1 for vectors of different lengths so that a mix-up can never look like a match.
func Cosine(a, b []float32) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return -1
	}
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func normalize(v []float32) ([]float32, error) {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	n = math.Sqrt(n)
	if n == 0 || math.IsNaN(n) || math.IsInf(n, 0) {
		return nil, fmt.Errorf("onnx: degenerate embedding (norm %v)", n)
	}
	for i := range v {
		v[i] = float32(float64(v[i]) / n)
	}
	return v, nil
}

// planar converts packed RGB to the NCHW float layout the models read: channel c of pixel i becomes
// (v − offset) · scale at index c·W·H + i.
func planar(img *raster.RGB, offset, scale float32) []float32 {
	n := img.W * img.H
	out := make([]float32, 3*n)
	for i := 0; i < n; i++ {
		out[i] = (float32(img.Pix[3*i]) - offset) * scale
		out[n+i] = (float32(img.Pix[3*i+1]) - offset) * scale
		out[2*n+i] = (float32(img.Pix[3*i+2]) - offset) * scale
	}
	return out
}
