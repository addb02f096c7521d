package cardkit

import (
	"image"
	"image/color"
)

// PANLayout selects which generation of PAN card to draw.
type PANLayout string

// The two layouts in circulation: the older card lists the values without
// labels, the newer one (2018 on) labels each value and adds a QR code.
const (
	PANOld PANLayout = "old"
	PANNew PANLayout = "new"
)

// PANLayouts lists every layout, for generators that pick one at random.
var PANLayouts = []PANLayout{PANOld, PANNew}

// Card sizes: ID-1 cards are 85.6 x 54 mm, drawn at about 12.5 px/mm.
const (
	cardW = 1060
	cardH = 668
)

// RenderPAN draws a PAN card for p. Unknown layouts draw the new one.
func RenderPAN(p Person, layout PANLayout) image.Image {
	if layout == PANOld {
		return renderPANOld(p)
	}
	return renderPANNew(p)
}

func panHeader(c *canvas, id, bold fontID) {
	c.text(40, 52, id, 24, black, "आयकर विभाग")
	c.text(40, 88, bold, 28, black, "INCOME TAX DEPARTMENT")
	right := cardW - 40
	c.text(right-c.width(id, 24, "भारत सरकार"), 52, id, 24, black, "भारत सरकार")
	c.text(right-c.width(bold, 28, "GOVT. OF INDIA"), 88, bold, 28, black, "GOVT. OF INDIA")
	c.ring(cardW/2, 70, 38, 4, color.RGBA{120, 100, 60, 255}) // emblem stand-in
}

// renderPANOld: header, then name, father's name and date of birth as bare
// lines, the number under its label, signature; photo at the lower right.
func renderPANOld(p Person) image.Image {
	c := newCanvas(cardW, cardH, color.White)
	c.gradient(c.img.Bounds(), color.RGBA{206, 226, 242, 255}, color.RGBA{238, 244, 250, 255})
	panHeader(c, dejaVuSans, dejaVuSansBold)
	c.fill(image.Rect(30, 112, cardW-30, 115), color.RGBA{100, 120, 160, 255})

	x := 50
	c.text(x, 190, dejaVuSansBold, 32, black, p.PANName())
	c.text(x, 250, dejaVuSansBold, 32, black, toUpper(p.FatherName))
	c.text(x, 310, dejaVuSansBold, 32, black, p.DOB)
	c.text(x, 385, dejaVuSans, 26, black, "Permanent Account Number")
	c.text(x, 440, dejaVuSansBold, 40, black, p.PAN)
	c.signature(x+10, 540, 240)
	c.text(x, 610, dejaVuSans, 22, greyLabel, "Signature")

	c.photo(image.Rect(cardW-290, 330, cardW-60, 620), nil)
	c.ring(cardW-380, 560, 55, 6, color.RGBA{180, 190, 200, 255}) // hologram stand-in
	return c.img
}

// renderPANNew: labelled values in the middle, photo on the left, QR on the
// right, the number centred under "Permanent Account Number Card".
func renderPANNew(p Person) image.Image {
	c := newCanvas(cardW, cardH, color.White)
	c.gradient(c.img.Bounds(), color.RGBA{232, 240, 228, 255}, color.RGBA{214, 230, 240, 255})
	panHeader(c, notoSans, notoSansBold)

	c.centered(cardW/2, 150, notoSans, 22, black, "स्थायी लेखा संख्या कार्ड / Permanent Account Number Card")
	c.centered(cardW/2, 200, notoSansBold, 40, black, p.PAN)

	c.photo(image.Rect(40, 230, 250, 490), nil)
	x := 290
	c.text(x, 262, notoSans, 20, greyLabel, "नाम / Name")
	c.text(x, 300, notoSansBold, 30, black, p.PANName())
	c.text(x, 352, notoSans, 20, greyLabel, "पिता का नाम / Father's Name")
	c.text(x, 390, notoSansBold, 30, black, toUpper(p.FatherName))
	c.text(x, 442, notoSans, 20, greyLabel, "जन्म की तारीख / Date of Birth")
	c.text(x, 480, notoSansBold, 30, black, p.DOB)

	c.codeBlock(image.Rect(cardW-250, 250, cardW-50, 450), p.PAN)
	c.signature(x+20, 560, 220)
	c.text(x, 625, notoSans, 20, greyLabel, "हस्ताक्षर / Signature")
	return c.img
}
