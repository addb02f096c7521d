package onnx

import (
	"context"
	"fmt"
	"image"
	"math"

	"github.com/enxtai/kyc/internal/face/raster"
)

// LivenessKind names a supported passive-liveness model; each has its own crop and input convention.
type LivenessKind string

const (
	// MiniFASNetV2SE: input "input" [1,3,128,128] RGB/255 of a square crop 1.5× the face box, output
	// "output" [1,2] logits (real, spoof). From johnraivenolazo/face-antispoof-onnx (Apache-2.0 code;
	// trained on CelebA-Spoof, whose terms are non-commercial research only).
	MiniFASNetV2SE LivenessKind = "minifasnet-v2se"
	// FRLiveness: fr_liveness.onnx from npm faceplugin-face-recognition-js@0.0.1, a MiniFASNet-style
	// classifier: input "input" [1,3,128,128] raw 0..255 RGB of the face box scaled 2.7× (kept inside the
	// image, stretched to 128×128), output "output" [1,3] logits of which index 0 is the live class in the
	// package's own code. Training data undocumented.
	FRLiveness LivenessKind = "fr-liveness"
)

const livenessSize = 128

type livenessSpec struct {
	classes   int64
	live      int                                                                         // index of the live class
	crop      func(factor float64) func(img *raster.RGB, box image.Rectangle) *raster.RGB // face box → 128×128
	cropScale float64                                                                     // the model's own crop factor
	offset    float32
	scale     float32
}

var livenessSpecs = map[LivenessKind]livenessSpec{
	MiniFASNetV2SE: {classes: 2, live: 0, crop: squareCrop, cropScale: 1.5, offset: 0, scale: 1.0 / 255},
	FRLiveness:     {classes: 3, live: 0, crop: boundedCrop, cropScale: 2.7, offset: 0, scale: 1},
}

// Liveness scores how likely a face crop shows a live person rather than a print or a screen.
type Liveness struct {
	m         *Model
	kind      LivenessKind
	spec      livenessSpec
	cropScale float64
	crop      func(img *raster.RGB, box image.Rectangle) *raster.RGB
}

// LoadLiveness opens a liveness model of the given kind, cropping at the model's own scale.
func (r *Runtime) LoadLiveness(kind LivenessKind, path string, o Options) (*Liveness, error) {
	return r.LoadLivenessAt(kind, path, o, 0)
}

// LoadLivenessAt is LoadLiveness with the crop taken at cropScale times the face box (0: the model's own
// scale). The original MiniFASNet fuses models that see the face at 2.7 and 4.0 times its box: the wider
// crop shows more of a print's or a screen's edge.
func (r *Runtime) LoadLivenessAt(kind LivenessKind, path string, o Options, cropScale float64) (*Liveness, error) {
	spec, ok := livenessSpecs[kind]
	if !ok {
		return nil, fmt.Errorf("onnx: unknown liveness model %q", kind)
	}
	m, err := r.Load(path, "input", "output", []int64{1, 3, livenessSize, livenessSize}, []int64{1, spec.classes}, o)
	if err != nil {
		return nil, err
	}
	if cropScale <= 0 {
		cropScale = spec.cropScale
	}
	return &Liveness{m: m, kind: kind, spec: spec, cropScale: cropScale, crop: spec.crop(cropScale)}, nil
}

// Name names the model (its LivenessKind), with "@scale" when the crop is not the model's own.
func (l *Liveness) Name() string {
	if l.cropScale != l.spec.cropScale {
		return fmt.Sprintf("%s@%g", l.kind, l.cropScale)
	}
	return string(l.kind)
}

// Score returns the live-class probability (softmax of the logits) for the face in box, in [0, 1].
func (l *Liveness) Score(ctx context.Context, img *raster.RGB, box image.Rectangle) (float64, error) {
	if img.Empty() || box.Empty() {
		return 0, fmt.Errorf("onnx: liveness needs an image and a face box")
	}
	crop := l.crop(img, box)
	logits, err := l.m.Run(ctx, planar(crop, l.spec.offset, l.spec.scale))
	if err != nil {
		return 0, err
	}
	return softmax(logits)[l.spec.live], nil
}

// Close frees the model.
func (l *Liveness) Close() error { return l.m.Close() }

// squareCrop takes a square of side factor·max(w, h) centred on the box (black beyond the image edges,
// like a letterbox) and scales it to 128×128.
func squareCrop(factor float64) func(*raster.RGB, image.Rectangle) *raster.RGB {
	return func(img *raster.RGB, box image.Rectangle) *raster.RGB {
		side := int(math.Round(factor * float64(max(box.Dx(), box.Dy()))))
		c := image.Pt((box.Min.X+box.Max.X)/2, (box.Min.Y+box.Max.Y)/2)
		r := image.Rect(c.X-side/2, c.Y-side/2, c.X-side/2+side, c.Y-side/2+side)
		return raster.Resize(raster.Crop(img, r), livenessSize, livenessSize)
	}
}

// boundedCrop scales the box by factor around its centre, but never beyond what fits in the image, then
// shifts it inside the image and stretches it to 128×128 (the faceplugin convention).
func boundedCrop(factor float64) func(*raster.RGB, image.Rectangle) *raster.RGB {
	return func(img *raster.RGB, box image.Rectangle) *raster.RGB {
		bw, bh := float64(box.Dx()), float64(box.Dy())
		s := math.Min(factor, math.Min(float64(img.H-1)/bh, float64(img.W-1)/bw))
		w, h := bw*s, bh*s
		cx, cy := float64(box.Min.X)+bw/2, float64(box.Min.Y)+bh/2
		x0 := math.Max(0, math.Min(cx-w/2, float64(img.W)-w))
		y0 := math.Max(0, math.Min(cy-h/2, float64(img.H)-h))
		r := image.Rect(int(x0), int(y0), int(x0+w), int(y0+h)).Intersect(img.Bounds())
		return raster.Resize(raster.Crop(img, r), livenessSize, livenessSize)
	}
}

func softmax(logits []float32) []float64 {
	mx := math.Inf(-1)
	for _, v := range logits {
		mx = math.Max(mx, float64(v))
	}
	out := make([]float64, len(logits))
	var sum float64
	for i, v := range logits {
		out[i] = math.Exp(float64(v) - mx)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}
