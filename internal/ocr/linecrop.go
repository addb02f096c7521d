package ocr

import (
	"image"

	"github.com/disintegration/imaging"
)

// LineCrop cuts one text line out of an image for a second, closer look:
// box (a line's box from a pass over g) with half a line height of margin
// around it and extra pixels more on the right, where a line cut short by
// OCR went on; its contrast stretched on the crop alone, because glare or a
// shadow band over a few words leaves them grey on grey, which a threshold
// chosen for the whole card loses; and the line scaled to about
// lineCropHeight pixels: small print enlarged, and large print (an Aadhaar
// number printed big and bold, 60 px a line on a card read 1100 px wide)
// reduced, since Tesseract misreads large bold digits it reads right at its
// own size ("9242" for a tilted 5242). It returns nil for an empty box.
func LineCrop(g *image.Gray, box image.Rectangle, extra int) *image.Gray {
	h := box.Dy()
	r := LineCropRect(g, box, extra)
	if h <= 0 || r.Empty() {
		return nil
	}
	sub, ok := g.SubImage(r).(*image.Gray)
	if !ok {
		return nil
	}
	out := StretchContrast(Gray(imaging.Clone(sub)))
	switch {
	case h < lineCropHeight:
		out = Gray(imaging.Resize(out, out.Rect.Dx()*lineCropHeight/h, 0, imaging.CatmullRom))
	case h > lineCropHeight:
		out = Gray(imaging.Resize(out, out.Rect.Dx()*lineCropHeight/h, 0, imaging.Lanczos))
	}
	return out
}

// LineCropX maps a column of LineCrop(g, box, extra)'s output back to g's columns, to tell where in the
// image a word of the closer look lies.
func LineCropX(g *image.Gray, box image.Rectangle, extra, x int) int {
	r := LineCropRect(g, box, extra)
	if h := box.Dy(); h > 0 {
		return r.Min.X + x*h/lineCropHeight
	}
	return r.Min.X + x
}

// LineCropRect is the part of g that LineCrop(g, box, extra) cuts out, before scaling.
func LineCropRect(g *image.Gray, box image.Rectangle, extra int) image.Rectangle {
	h := box.Dy()
	return image.Rect(box.Min.X-h/2, box.Min.Y-h/2, box.Max.X+h/2+max(extra, 0), box.Max.Y+h/2).Intersect(g.Rect)
}

// lineCropHeight is the line height LineCrop enlarges small print to; the
// measured card print reads best at 40-50 px (bench/ocr.md).
const lineCropHeight = 48
