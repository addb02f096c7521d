package onnx

import (
	"context"
	"fmt"
	"image"

	"github.com/enxtai/kyc/internal/face/raster"
)

// FRLandmark is fr_landmark.onnx from npm faceplugin-face-recognition-js@0.0.1: the 68 iBUG points of a
// face from a 64×64 grey crop of its box (input "input" [1,1,64,64], grey/256), output "output" [1,136]
// as x0, y0, x1, y1, … in fractions of the box.
type FRLandmark struct {
	m *Model
}

const landmarkSize = 68

// LoadFRLandmark opens fr_landmark.onnx.
func (r *Runtime) LoadFRLandmark(path string, o Options) (*FRLandmark, error) {
	m, err := r.Load(path, "input", "output", []int64{1, 1, 64, 64}, []int64{1, 2 * landmarkSize}, o)
	if err != nil {
		return nil, err
	}
	return &FRLandmark{m: m}, nil
}

// Landmarks returns the 68 points of the face in box, in the coordinates of img.
func (l *FRLandmark) Landmarks(ctx context.Context, img *raster.RGB, box image.Rectangle) ([]raster.Point, error) {
	box = box.Intersect(img.Bounds())
	if img.Empty() || box.Empty() {
		return nil, fmt.Errorf("onnx: landmarks need an image and a face box inside it")
	}
	crop := raster.Resize(raster.Crop(img, box), 64, 64)
	in := make([]float32, 64*64)
	for i := range in {
		p := crop.Pix[3*i : 3*i+3]
		// BT.601 luma, like OpenCV's RGB→GRAY that the package uses.
		in[i] = (0.299*float32(p[0]) + 0.587*float32(p[1]) + 0.114*float32(p[2])) / 256
	}
	out, err := l.m.Run(ctx, in)
	if err != nil {
		return nil, err
	}
	pts := make([]raster.Point, landmarkSize)
	for i := range pts {
		pts[i] = raster.Point{X: float64(box.Min.X) + float64(out[2*i])*float64(box.Dx()),
			Y: float64(box.Min.Y) + float64(out[2*i+1])*float64(box.Dy())}
	}
	return pts, nil
}

// Close frees the model.
func (l *FRLandmark) Close() error { return l.m.Close() }
