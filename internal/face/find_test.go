package face

import (
	"image"
	"testing"

	"github.com/enxtai/kyc/internal/face/dlib"
	"github.com/enxtai/kyc/internal/face/raster"
)

func TestClearFaces(t *testing.T) {
	face := func(w int) Face { return Face{Box: image.Rect(0, 0, w, w)} }
	cases := []struct {
		name  string
		faces []Face
		want  int
	}{
		{"none", nil, 0},
		{"one", []Face{face(200)}, 1},
		{"two alike", []Face{face(200), face(180)}, 2},
		{"one and a small face far behind", []Face{face(200), face(60)}, 1},
		{"at the ratio", []Face{face(200), face(80)}, 2},
	}
	for _, c := range cases {
		if got := clearFaces(c.faces); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

func TestToFacesOrdersAndNamesEyes(t *testing.T) {
	small := dlib.Face{Rect: image.Rect(0, 0, 50, 50), Confidence: 3}
	big := dlib.Face{Rect: image.Rect(100, 100, 300, 300), Confidence: 0.5,
		// dlib order: eye on the image's right (0, 1), eye on its left (2, 3), nose base (4)
		Landmarks: [5]raster.Point{{X: 260, Y: 150}, {X: 230, Y: 150}, {X: 140, Y: 150}, {X: 170, Y: 150}, {X: 200, Y: 230}}}
	got := toFaces([]dlib.Face{small, big})
	if got[0].Box != big.Rect {
		t.Fatalf("largest face must come first, got %v", got[0].Box)
	}
	if l, r := got[0].Eyes[0], got[0].Eyes[1]; l.X != 155 || r.X != 245 {
		t.Fatalf("eyes %v %v, want left 155 and right 245", l, r)
	}
	if got[0].NoseBase != (raster.Point{X: 200, Y: 230}) {
		t.Fatalf("nose %v", got[0].NoseBase)
	}
	back, err := toDlib(got[0])
	if err != nil || back != big {
		t.Fatalf("round trip %+v, %v", back, err)
	}
}
