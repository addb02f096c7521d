package dlib

/*
#include <stdlib.h>
#include "shim.h"
*/
import "C"

import (
	"context"
	"fmt"
	"image"
	"unsafe"

	"github.com/enxtai/kyc/internal/face/raster"
)

// LandmarkCount and DescriptorSize are fixed by the model files.
const (
	LandmarkCount  = C.KYC_DLIB_LANDMARKS
	DescriptorSize = C.KYC_DLIB_DESCRIPTOR
)

// maxFaces bounds the faces returned per image; a crowd photo is a review case whatever the exact count.
const maxFaces = 32

// Face is one detection with its landmarks, in the coordinates of the image searched.
type Face struct {
	Rect       image.Rectangle // detection box (Max exclusive)
	Confidence float64         // HOG score: higher is surer; 0 is dlib's default cut-off
	// Landmarks of the 5-point model: 0-1 corners of the eye on the image's left... as dlib orders them:
	// 0,1 one eye's outer and inner corner, 2,3 the other eye's outer and inner corner, 4 the base of the nose.
	Landmarks [LandmarkCount]raster.Point
}

// Detect finds frontal faces in img, strongest first (at most 32). adjust lowers (negative) or raises the
// detector's threshold; 0 is dlib's default.
func (p *Pool) Detect(ctx context.Context, img *raster.RGB, adjust float64) ([]Face, error) {
	if img.Empty() {
		return nil, fmt.Errorf("dlib: detect: empty image")
	}
	h, err := p.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer p.release(h)

	var out [maxFaces]C.kyc_dlib_face
	var cerr *C.char
	n := C.kyc_dlib_detect(h, (*C.uint8_t)(unsafe.Pointer(&img.Pix[0])), C.int(img.W), C.int(img.H),
		C.double(adjust), &out[0], C.int(len(out)), &cerr)
	if n < 0 {
		return nil, fmt.Errorf("dlib: detect in %dx%d image: %w", img.W, img.H, takeError(cerr))
	}
	faces := make([]Face, min(int(n), len(out)))
	for i := range faces {
		faces[i] = fromC(&out[i])
	}
	return faces, nil
}

// Shape fits the 5 landmarks to a face box that another detector found in img (dlib's model was trained
// on HOG boxes, so a box of another shape should first be brought to HOG's proportions by the caller).
func (p *Pool) Shape(ctx context.Context, img *raster.RGB, box image.Rectangle, confidence float64) (Face, error) {
	f := Face{Rect: box, Confidence: confidence}
	if img.Empty() || box.Empty() {
		return f, fmt.Errorf("dlib: shape: empty image or box")
	}
	h, err := p.acquire(ctx)
	if err != nil {
		return f, err
	}
	defer p.release(h)
	cf := toC(f)
	var cerr *C.char
	if rc := C.kyc_dlib_shape(h, (*C.uint8_t)(unsafe.Pointer(&img.Pix[0])), C.int(img.W), C.int(img.H), &cf, &cerr); rc != 0 {
		return f, fmt.Errorf("dlib: shape of face at %v: %w", box, takeError(cerr))
	}
	return fromC(&cf), nil
}

// Describe computes the 128-d descriptor of a face found by Detect in the same image. Two descriptors of
// one person are usually less than 0.6 apart in Euclidean distance (dlib's own, too lax, rule of thumb).
func (p *Pool) Describe(ctx context.Context, img *raster.RGB, f Face) ([DescriptorSize]float32, error) {
	var d [DescriptorSize]float32
	if img.Empty() {
		return d, fmt.Errorf("dlib: describe: empty image")
	}
	if !p.hasNet {
		return d, fmt.Errorf("dlib: describe: descriptor model not loaded")
	}
	h, err := p.acquire(ctx)
	if err != nil {
		return d, err
	}
	defer p.release(h)

	cf := toC(f)
	var cerr *C.char
	rc := C.kyc_dlib_describe(h, (*C.uint8_t)(unsafe.Pointer(&img.Pix[0])), C.int(img.W), C.int(img.H),
		&cf, (*C.float)(unsafe.Pointer(&d[0])), &cerr)
	if rc != 0 {
		return d, fmt.Errorf("dlib: describe face at %v: %w", f.Rect, takeError(cerr))
	}
	return d, nil
}

func fromC(c *C.kyc_dlib_face) Face {
	f := Face{
		// dlib rectangles include their right and bottom edge; image.Rectangle excludes Max.
		Rect:       image.Rect(int(c.left), int(c.top), int(c.right)+1, int(c.bottom)+1),
		Confidence: float64(c.confidence),
	}
	for i := range f.Landmarks {
		f.Landmarks[i] = raster.Point{X: float64(c.points[2*i]), Y: float64(c.points[2*i+1])}
	}
	return f
}

func toC(f Face) C.kyc_dlib_face {
	c := C.kyc_dlib_face{
		left: C.int32_t(f.Rect.Min.X), top: C.int32_t(f.Rect.Min.Y),
		right: C.int32_t(f.Rect.Max.X - 1), bottom: C.int32_t(f.Rect.Max.Y - 1),
		confidence: C.double(f.Confidence),
	}
	for i, pt := range f.Landmarks {
		c.points[2*i] = C.float(pt.X)
		c.points[2*i+1] = C.float(pt.Y)
	}
	return c
}
