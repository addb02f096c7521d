package attacks

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"

	"github.com/disintegration/imaging"
)

// angled shows the content on a phone (black bezel) turned by degrees about its vertical axis: the far side
// shrinks (a trapezoid), the whole is narrower by cos(angle), tilted by up to ±8°, over a random background.
func angled(content *image.NRGBA, w, h int, degrees float64, r *rand.Rand) *image.NRGBA {
	cw, ch := content.Rect.Dx(), content.Rect.Dy()
	margin := max(2, int(float64(max(cw, ch))*0.05))
	medium := imaging.New(cw+2*margin, ch+2*margin, color.NRGBA{R: 12, G: 12, B: 14, A: 255})
	medium = imaging.Paste(medium, content, image.Pt(margin, margin))
	mw, mh := medium.Rect.Dx(), medium.Rect.Dy()
	a := degrees * math.Pi / 180
	squeeze := math.Cos(a)      // width after turning
	far := 1 - 0.35*math.Sin(a) // height of the far edge relative to the near one
	nearLeft := r.IntN(2) == 0
	outW := max(1, int(float64(mw)*squeeze))
	trap := image.NewNRGBA(image.Rect(0, 0, outW, mh))
	for x := 0; x < outW; x++ {
		t := float64(x) / float64(outW) // 0 at the left edge
		if nearLeft {
			t = 1 - t
		}
		colH := float64(mh) * (far + (1-far)*(1-t))
		srcX := min(mw-1, int(float64(x)/squeeze))
		for y := 0; y < mh; y++ {
			v := (float64(y) - float64(mh)/2) / colH
			if v < -0.5 || v >= 0.5 {
				continue
			}
			sy := min(mh-1, int((v+0.5)*float64(mh)))
			si, di := sy*medium.Stride+4*srcX, y*trap.Stride+4*x
			copy(trap.Pix[di:di+4], medium.Pix[si:si+4])
		}
	}
	scale := (0.75 + r.Float64()*0.15) * math.Min(float64(w)/float64(outW), float64(h)/float64(mh))
	shown := imaging.Resize(trap, max(1, int(float64(outW)*scale)), max(1, int(float64(mh)*scale)), imaging.Lanczos)
	shown = imaging.Rotate(shown, r.Float64()*16-8, color.NRGBA{})
	scene := background(w, h, r)
	return imaging.Overlay(scene, shown, image.Pt((w-shown.Rect.Dx())/2, (h-shown.Rect.Dy())/2), 1)
}

// cutout keeps the central fraction of the printed content (its edges cut off with scissors: no paper
// margin), enlarges it by 10-30% and holds it over the backdrop, slightly tilted.
func cutout(content, backdrop *image.NRGBA, fraction float64, r *rand.Rand) *image.NRGBA {
	w, h := content.Rect.Dx(), content.Rect.Dy()
	cw, ch := int(float64(w)*fraction), int(float64(h)*(fraction+0.1))
	ch = min(ch, h)
	x0, y0 := (w-cw)/2, max(0, (h-ch)/2-int(0.05*float64(h)))
	piece := imaging.Crop(content, image.Rect(x0, y0, x0+cw, y0+ch))
	zoom := 1.1 + r.Float64()*0.2
	piece = imaging.Resize(piece, int(float64(cw)*zoom), int(float64(ch)*zoom), imaging.Lanczos)
	piece = imaging.Rotate(piece, r.Float64()*8-4, color.NRGBA{})
	scene := imaging.Clone(backdrop)
	return imaging.Overlay(scene, piece, image.Pt((w-piece.Rect.Dx())/2, (h-piece.Rect.Dy())/2), 1)
}
