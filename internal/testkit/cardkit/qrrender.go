package cardkit

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"

	qrcode "github.com/yeqown/go-qrcode/v2"
)

// qrQuiet is the quiet zone in modules (4 in ISO 18004).
const qrQuiet = 4

// SecureQR renders the person's Secure QR in a variant at one pixel per module,
// quiet zone included, with default options (V2 format, silhouette photo).
func SecureQR(p Person, v QRVariant) (*image.Gray, error) {
	return SecureQRImage(p, QROptions{Variant: v})
}

// SecureQRImage renders a Secure QR at one pixel per module: numeric mode,
// error correction level M, the version the data needs (25-30 for the kit's
// payloads, as on real cards). QRUnreadable blanks the lower-right quarter of
// the data area (as a crop or a thumb would): the finder patterns remain, so a
// reader sees a QR it cannot decode.
func SecureQRImage(p Person, o QROptions) (*image.Gray, error) {
	text, err := SecureQRText(p, o)
	if err != nil {
		return nil, err
	}
	q, err := qrcode.NewWith(text,
		qrcode.WithEncodingMode(qrcode.EncModeNumeric),
		qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionMedium))
	if err != nil {
		return nil, fmt.Errorf("cardkit: encode QR: %w", err)
	}
	var m matrixWriter
	if err := q.Save(&m); err != nil {
		return nil, fmt.Errorf("cardkit: encode QR: %w", err)
	}
	dim := m.mat.Width()
	img := image.NewGray(image.Rect(0, 0, dim+2*qrQuiet, dim+2*qrQuiet))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	m.mat.Iterate(qrcode.IterDirection_ROW, func(x, y int, v qrcode.QRValue) {
		if v.IsSet() {
			img.Pix[(y+qrQuiet)*img.Stride+x+qrQuiet] = 0
		}
	})
	if o.Variant == QRUnreadable {
		cut := image.Rect(qrQuiet+dim*55/100, qrQuiet+dim*55/100, qrQuiet+dim, qrQuiet+dim)
		draw.Draw(img, cut, image.White, image.Point{}, draw.Src)
	}
	return img, nil
}

// QRVersionOf is the QR version of a SecureQR image (one pixel per module).
func QRVersionOf(qr image.Image) int { return (qr.Bounds().Dx() - 2*qrQuiet - 17) / 4 }

type matrixWriter struct{ mat qrcode.Matrix }

func (w *matrixWriter) Write(mat qrcode.Matrix) error { w.mat = mat; return nil }
func (w *matrixWriter) Close() error                  { return nil }

// DrawSecureQR draws a one-pixel-per-module QR into r of dst at the largest
// whole number of pixels per module that fits (at least 1), centred on a
// white background filling r; it returns that module size.
func DrawSecureQR(dst draw.Image, r image.Rectangle, qr image.Image) int {
	n := qr.Bounds().Dx()
	px := max(1, min(r.Dx(), r.Dy())/n)
	draw.Draw(dst, r, image.White, image.Point{}, draw.Src)
	x0 := r.Min.X + (r.Dx()-n*px)/2
	y0 := r.Min.Y + (r.Dy()-n*px)/2
	b := qr.Bounds()
	for y := range n {
		for x := range n {
			if c := color.GrayModel.Convert(qr.At(b.Min.X+x, b.Min.Y+y)).(color.Gray); c.Y < 128 {
				draw.Draw(dst, image.Rect(x0+x*px, y0+y*px, x0+(x+1)*px, y0+(y+1)*px), image.Black, image.Point{}, draw.Src)
			}
		}
	}
	return px
}

// Where the QR goes on the kit's layouts: the back's right side (over the
// QR-like placeholder; 3 px modules up to version 27, 2 px above), and
// the front's right column (2 px modules; it covers the end of very long names).
var (
	BackQRRect  = image.Rect(cardW-420, 135, cardW-20, 535)
	FrontQRRect = image.Rect(cardW-300, 150, cardW-20, 430)
)

// RenderAadhaarBackQR draws the back with the person's Secure QR.
func RenderAadhaarBackQR(p Person, o QROptions) (image.Image, error) {
	return withQR(RenderAadhaarBack(p), BackQRRect, p, o)
}

// RenderAadhaarFrontQR draws the front (face as in RenderAadhaarFront) with
// the person's Secure QR, as e-Aadhaar prints and some PVC cards carry it.
func RenderAadhaarFrontQR(p Person, face image.Image, o QROptions) (image.Image, error) {
	return withQR(RenderAadhaarFront(p, face), FrontQRRect, p, o)
}

func withQR(card image.Image, r image.Rectangle, p Person, o QROptions) (image.Image, error) {
	qr, err := SecureQRImage(p, o)
	if err != nil {
		return nil, err
	}
	dst, ok := card.(draw.Image)
	if !ok {
		return nil, fmt.Errorf("cardkit: card image %T is not drawable", card)
	}
	DrawSecureQR(dst, r, qr)
	return dst, nil
}
