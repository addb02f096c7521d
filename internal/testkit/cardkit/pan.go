package cardkit

import (
	"image"
	"image/color"
)

// PANLayout selects which generation of PAN card to draw.
type PANLayout string

// The older card lists the values without labels; the newer one (2018 on)
// labels each value and adds a QR code; the e-PAN is the PDF print of the
// newer card on a white page.
const (
	PANOld    PANLayout = "old"
	PANNew    PANLayout = "new"
	PANEPrint PANLayout = "e-pan"
)

// PANLayouts lists every layout, for generators that pick one at random.
var PANLayouts = []PANLayout{PANOld, PANNew, PANEPrint}

// Card sizes: ID-1 cards are 85.6 x 54 mm, drawn at about 12.5 px/mm.
const (
	cardW = 1060
	cardH = 668
)

// RenderPAN draws a PAN card for p in the layout's usual typeface (DejaVu
// for the old card, Noto for the others). Unknown layouts draw the new one.
func RenderPAN(p Person, layout PANLayout) image.Image {
	tf := FaceNoto
	if layout == PANOld {
		tf = FaceDejaVu
	}
	return RenderPANWith(p, layout, tf)
}

// RenderPANWith draws a PAN card in a layout and typeface.
func RenderPANWith(p Person, layout PANLayout, tf Typeface) image.Image {
	switch layout {
	case PANOld:
		return renderPANOld(p, tf)
	case PANEPrint:
		return renderEPAN(p, tf)
	}
	return renderPANNew(p, tf)
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
func renderPANOld(p Person, tf Typeface) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, cardH, color.White)
	c.gradient(c.img.Bounds(), color.RGBA{206, 226, 242, 255}, color.RGBA{238, 244, 250, 255})
	panHeader(c, reg, bold)
	c.fill(image.Rect(30, 112, cardW-30, 115), color.RGBA{100, 120, 160, 255})

	x := 50
	c.fitText(x, 190, bold, 32, black, p.PANName(), cardW-x-40)
	c.fitText(x, 250, bold, 32, black, toUpper(p.FatherName), cardW-x-40)
	c.text(x, 310, bold, 32, black, p.DOB)
	c.text(x, 385, reg, 26, black, "Permanent Account Number")
	c.text(x, 440, bold, 40, black, p.PAN)
	c.signature(x+10, 540, 240)
	c.text(x, 610, reg, 22, greyLabel, "Signature")

	c.photo(image.Rect(cardW-290, 330, cardW-60, 620), nil)
	c.ring(cardW-380, 560, 55, 6, color.RGBA{180, 190, 200, 255}) // hologram stand-in
	return c.img
}

// renderPANNew: labelled values in the middle, photo on the left, QR on the
// right, the number centred under "Permanent Account Number Card".
func renderPANNew(p Person, tf Typeface) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, cardH, color.White)
	c.gradient(c.img.Bounds(), color.RGBA{232, 240, 228, 255}, color.RGBA{214, 230, 240, 255})
	panHeader(c, reg, bold)
	panNewBody(c, p, reg, bold, 0)
	return c.img
}

// panNewBody draws the 2018 card's content dy pixels lower.
func panNewBody(c *canvas, p Person, reg, bold fontID, dy int) {
	c.centered(cardW/2, 150+dy, reg, 22, black, "स्थायी लेखा संख्या कार्ड / Permanent Account Number Card")
	c.centered(cardW/2, 200+dy, bold, 40, black, p.PAN)

	c.photo(image.Rect(40, 230+dy, 250, 490+dy), nil)
	x := 290
	c.text(x, 262+dy, reg, 20, greyLabel, "नाम / Name")
	c.fitText(x, 300+dy, bold, 30, black, p.PANName(), cardW-x-280)
	c.text(x, 352+dy, reg, 20, greyLabel, "पिता का नाम / Father's Name")
	c.fitText(x, 390+dy, bold, 30, black, toUpper(p.FatherName), cardW-x-280)
	c.text(x, 442+dy, reg, 20, greyLabel, "जन्म की तारीख / Date of Birth")
	c.text(x, 480+dy, bold, 30, black, p.DOB)

	c.qr(image.Rect(cardW-250, 250+dy, cardW-50, 450+dy), p, DocPAN)
	c.signature(x+20, 560+dy, 220)
	c.text(x, 625+dy, reg, 20, greyLabel, "हस्ताक्षर / Signature")
}

// ePANH: the e-PAN print cropped from its page, with the line above the card.
const ePANH = 780

// renderEPAN: the e-PAN PDF as printed: a white page, a line naming the
// e-PAN above the card, the 2018 card's content, and the note under it.
func renderEPAN(p Person, tf Typeface) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, ePANH, color.White)
	c.centered(cardW/2, 40, reg, 20, greyLabel, "e-Permanent Account Number (e-PAN) Card")
	c.frame(image.Rect(20, 56, cardW-20, ePANH-50), greyLabel, 2)
	c.text(40, 100, reg, 22, black, "आयकर विभाग")
	c.text(40, 134, bold, 26, black, "INCOME TAX DEPARTMENT")
	c.text(cardW-280, 100, reg, 22, black, "भारत सरकार")
	c.text(cardW-280, 134, bold, 26, black, "GOVT. OF INDIA")
	panNewBody(c, p, reg, bold, 50)
	c.centered(cardW/2, ePANH-18, reg, 17, greyLabel, "This is an electronically generated e-PAN card, valid as a PAN card.")
	return c.img
}
