package face

import (
	"image"
	"math"
)

// originalBox is the i-th found face's box in the pixels of the picture that was searched, clipped to it
// (size is that picture's width and height); nil when there is no such face. Found.Image is a working copy
// scaled by Found.Scale, so its boxes are scaled back: the box is then what a reviewer's crop is cut from,
// in the same upright image the pipeline decoded.
func originalBox(f Found, i int, size image.Point) *image.Rectangle {
	if i < 0 || i >= len(f.Faces) {
		return nil
	}
	s := f.Scale
	if s <= 0 {
		s = 1
	}
	b := f.Faces[i].Box
	r := image.Rect(int(math.Floor(float64(b.Min.X)/s)), int(math.Floor(float64(b.Min.Y)/s)),
		int(math.Ceil(float64(b.Max.X)/s)), int(math.Ceil(float64(b.Max.Y)/s))).Intersect(image.Rectangle{Max: size})
	if r.Empty() {
		return nil
	}
	return &r
}
