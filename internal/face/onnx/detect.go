package onnx

import (
	"context"
	"fmt"
	"image"
	"sort"

	"github.com/enxtai/kyc/internal/face/raster"
)

// FRDetect is fr_detect.onnx from npm faceplugin-face-recognition-js@0.0.1: an Ultra-Light-style face
// detector with input "input" [1,3,240,320] RGB scaled to (v−127)/128 (the picture stretched to 320×240)
// and outputs "scores" [1,4420,2] (background, face) and "boxes" [1,4420,4] (x1, y1, x2, y2 as fractions
// of the picture), already decoded from its priors. It finds faces of about 10 px and more at 320×240.
type FRDetect struct {
	m *Model
}

const (
	detectW, detectH = 320, 240
	detectPriors     = 4420
	detectNMS        = 0.4 // IoU above which the weaker of two boxes is dropped (the package's value)
)

// Detection is one face box with the detector's face probability.
type Detection struct {
	Box   image.Rectangle
	Score float64
}

// LoadFRDetect opens fr_detect.onnx.
func (r *Runtime) LoadFRDetect(path string, o Options) (*FRDetect, error) {
	m, err := r.LoadOutputs(path, "input", []string{"scores", "boxes"}, []int64{1, 3, detectH, detectW},
		[][]int64{{1, detectPriors, 2}, {1, detectPriors, 4}}, o)
	if err != nil {
		return nil, err
	}
	return &FRDetect{m: m}, nil
}

// Detect returns the faces scoring at least minScore (the package uses 0.65), strongest first, in the
// coordinates of img.
func (d *FRDetect) Detect(ctx context.Context, img *raster.RGB, minScore float64) ([]Detection, error) {
	if img.Empty() {
		return nil, fmt.Errorf("onnx: detect: empty image")
	}
	outs, err := d.m.RunAll(ctx, planar(raster.Resize(img, detectW, detectH), 127, 1.0/128))
	if err != nil {
		return nil, err
	}
	scores, boxes := outs[0], outs[1]
	var cands []Detection
	for i := range detectPriors {
		s := float64(scores[2*i+1])
		if s < minScore {
			continue
		}
		b := boxes[4*i : 4*i+4]
		r := image.Rect(int(float64(b[0])*float64(img.W)), int(float64(b[1])*float64(img.H)),
			int(float64(b[2])*float64(img.W)), int(float64(b[3])*float64(img.H))).Intersect(img.Bounds())
		if !r.Empty() {
			cands = append(cands, Detection{Box: r, Score: s})
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].Score > cands[j].Score })
	var kept []Detection
	for _, c := range cands {
		ok := true
		for _, k := range kept {
			if iou(c.Box, k.Box) > detectNMS {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// Close frees the model.
func (d *FRDetect) Close() error { return d.m.Close() }

func iou(a, b image.Rectangle) float64 {
	in := a.Intersect(b)
	if in.Empty() {
		return 0
	}
	ai := float64(in.Dx() * in.Dy())
	return ai / (float64(a.Dx()*a.Dy()+b.Dx()*b.Dy()) - ai)
}
