package facetest

import (
	"image"
	"image/color"
	"image/draw"
)

// PassportPhoto cuts a head-and-shoulders photo (280:350, the Aadhaar photo box) around a face box given in
// img's coordinates: about 2.2 face widths wide, the face in the upper middle. Areas outside img are white,
// like a studio background.
func PassportPhoto(img image.Image, face image.Rectangle) image.Image {
	w := int(2.2 * float64(face.Dx()))
	h := w * 350 / 280
	cx := (face.Min.X + face.Max.X) / 2
	top := face.Min.Y - int(0.6*float64(face.Dy()))
	r := image.Rect(cx-w/2, top, cx-w/2+w, top+h)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(out, out.Bounds(), img, r.Min, draw.Src)
	return out
}
