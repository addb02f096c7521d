package cardkit

import (
	"image"
	"image/color"
	"image/draw"

	"github.com/disintegration/imaging"
)

var white = color.RGBA{255, 255, 255, 255}

// QRImage, when set, renders the QR code printed on a card side (the UIDAI
// Secure QR on Aadhaar backs, the PAN QR); it returns an image drawn scaled
// into the layout's QR box. Nil, or a nil image, draws the kit's placeholder
// pattern, which carries no data. The box positions are the layouts' own.
var QRImage func(p Person, side Doc) image.Image

// qr draws the side's QR code into r.
func (c *canvas) qr(r image.Rectangle, p Person, side Doc) {
	if QRImage != nil {
		if img := QRImage(p, side); img != nil && !img.Bounds().Empty() {
			c.fill(r, white)
			c.photoFit(r, img)
			return
		}
	}
	seed := p.Aadhaar
	if side == DocPAN {
		seed = p.PAN
	}
	c.codeBlock(r, seed)
}

// photoFit draws img into r scaled to fit whole, centred, with nearest-pixel
// sampling so a code's modules keep sharp edges.
func (c *canvas) photoFit(r image.Rectangle, img image.Image) {
	b := img.Bounds()
	side := min(r.Dx()*b.Dy()/max(b.Dx(), 1), r.Dy())
	w := side * b.Dx() / max(b.Dy(), 1)
	fitted := imaging.Resize(img, w, side, imaging.NearestNeighbor)
	at := image.Pt(r.Min.X+(r.Dx()-w)/2, r.Min.Y+(r.Dy()-side)/2)
	draw.Draw(c.img, image.Rectangle{at, at.Add(fitted.Bounds().Size())}, fitted, image.Point{}, draw.Src)
}
