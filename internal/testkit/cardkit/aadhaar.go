package cardkit

import (
	"image"
	"image/color"
	"strings"
)

// AadhaarLayout selects which kind of Aadhaar print to draw, front and back.
type AadhaarLayout string

// The Aadhaar families in circulation, plus the plain card an independent
// generator draws (the issue-16 report: the number large and bold at the
// bottom, plain sans-serif, white ground).
const (
	AadhaarLetter AadhaarLayout = "letter"    // cut-out of the A4 letter: Hindi name above the English one
	AadhaarPVC    AadhaarLayout = "pvc"       // the PVC card: tinted ground, small print, two-column back
	AadhaarEPrint AadhaarLayout = "e-aadhaar" // e-Aadhaar print: Enrolment No, VID line, issue date
	AadhaarMasked AadhaarLayout = "masked"    // e-Aadhaar with the number printed XXXX XXXX 1234
	AadhaarPlain  AadhaarLayout = "plain"     // independent-style: plain text, big bold number at the bottom
)

// AadhaarLayouts lists every layout in a stable order.
var AadhaarLayouts = []AadhaarLayout{AadhaarLetter, AadhaarPVC, AadhaarEPrint, AadhaarMasked, AadhaarPlain}

// Masked reports whether the layout prints only the last four digits.
func (l AadhaarLayout) Masked() bool { return l == AadhaarMasked }

// RenderAadhaarFront draws the front of the letter cut-out in DejaVu, with
// the face (nil: a silhouette).
func RenderAadhaarFront(p Person, face image.Image) image.Image {
	return RenderAadhaar(DocAadhaarFront, p, AadhaarLetter, FaceDejaVu, face)
}

// RenderAadhaarBack draws the back of the letter cut-out in DejaVu.
func RenderAadhaarBack(p Person) image.Image {
	return RenderAadhaar(DocAadhaarBack, p, AadhaarLetter, FaceDejaVu, nil)
}

// RenderAadhaar draws one side of an Aadhaar in a layout and typeface.
func RenderAadhaar(side Doc, p Person, l AadhaarLayout, tf Typeface, face image.Image) image.Image {
	front := side != DocAadhaarBack
	switch {
	case l == AadhaarPVC && front:
		return pvcFront(p, tf, face)
	case l == AadhaarPVC:
		return pvcBack(p, tf)
	case (l == AadhaarEPrint || l == AadhaarMasked) && front:
		return ePrintFront(p, tf, face, l.Masked())
	case l == AadhaarEPrint || l == AadhaarMasked:
		return ePrintBack(p, tf, l.Masked())
	case l == AadhaarPlain && front:
		return plainFront(p, tf, face)
	case l == AadhaarPlain:
		return plainBack(p, tf)
	case front:
		return letterFront(p, tf, face)
	}
	return letterBack(p, tf)
}

// letterFront: header, photo on the left, Hindi then English name, date or
// year of birth, gender, the 4-4-4 number and the slogan.
func letterFront(p Person, tf Typeface, face image.Image) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, cardH, color.White)
	aadhaarHeader(c, "भारत सरकार", "Government of India")
	c.photo(image.Rect(50, 160, 330, 510), face)
	x := 370
	c.fitText(x, 215, devanagari, 28, black, p.NameHindi, cardW-x-40)
	c.fitText(x, 265, bold, 32, black, p.Name, cardW-x-40)
	c.text(x, 325, reg, 27, black, dobLine(p, " : "))
	c.text(x, 380, reg, 27, black, genderHindi(p.Gender)+" / "+string(p.Gender))
	c.centered(cardW/2, 600, bold, 50, black, p.AadhaarSpaced())
	c.fill(image.Rect(40, 622, cardW-40, 627), darkRed)
	c.centered(cardW/2, 655, devanagariBold, 24, darkRed, "मेरा आधार, मेरी पहचान")
	return c.img
}

// letterBack: the bilingual address block (Hindi above English), the QR
// code at the right and the number.
func letterBack(p Person, tf Typeface) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, cardH, color.White)
	aadhaarHeader(c, "भारतीय विशिष्ट पहचान प्राधिकरण", "Unique Identification Authority of India")
	y := addressBlock(c, 50, 170, devanagari, 20, 27, "पता:", Devanagari(p.CareOf()+": "+p.CareOfName+", "+p.Address), 100)
	addressBlock(c, 50, y+44, reg, 24, 31, "Address:", p.CareOf()+": "+p.CareOfName+", "+p.Address, 40)
	_ = bold
	c.qr(image.Rect(cardW-290, 170, cardW-50, 410), p, DocAadhaarBack)
	c.centered(cardW/2, 595, bold, 46, black, p.AadhaarSpaced())
	c.fill(image.Rect(40, 612, cardW-40, 616), darkRed)
	c.text(50, 650, reg, 19, darkBlue, "1947")
	c.text(cardW/2-200, 650, reg, 19, darkBlue, "help@uidai.gov.in")
	c.text(cardW-290, 650, reg, 19, darkBlue, "www.uidai.gov.in")
	return c.img
}

// addressBlock draws label and the text wrapped at commas below it, lines
// step apart; it returns the baseline of the last line.
func addressBlock(c *canvas, x, y int, id fontID, size float64, step int, label, text string, width int) int {
	c.text(x, y, id, size, black, label)
	for _, l := range wrapAtCommas(text, width) {
		y += step
		c.text(x, y, id, size, black, l)
	}
	return y
}

func dobLine(p Person, sep string) string {
	if p.YearOfBirthOnly {
		return "जन्म वर्ष / Year of Birth" + sep + p.BirthYear()
	}
	return "जन्म तिथि / DOB" + sep + p.DOB
}

// aadhaarHeader draws the tricolour bands, emblem and logo stand-ins and the
// two header lines (Hindi above English).
func aadhaarHeader(c *canvas, hindi, english string) {
	c.fill(image.Rect(0, 0, cardW, 16), saffron)
	c.fill(image.Rect(0, cardH-10, cardW, cardH), indiaGrn)
	c.ring(80, 80, 45, 5, color.RGBA{120, 100, 60, 255})
	c.disc(cardW-80, 80, 40, color.RGBA{250, 200, 60, 255})
	c.ring(cardW-80, 80, 46, 4, darkRed)
	c.centered(cardW/2, 68, devanagariBold, 30, black, hindi)
	c.centered(cardW/2, 112, notoSansBold, 30, black, english)
}

func genderHindi(g Gender) string {
	if g == Female {
		return "महिला"
	}
	return "पुरुष"
}

// wrapAtCommas breaks an address into lines of at most about width characters,
// only after commas, so joining the lines with single spaces gives the address back.
func wrapAtCommas(s string, width int) []string {
	parts := strings.SplitAfter(s, ", ")
	var lines []string
	cur := ""
	for _, part := range parts {
		if cur != "" && len(cur)+len(part) > width {
			lines = append(lines, strings.TrimSpace(cur))
			cur = ""
		}
		cur += part
	}
	if strings.TrimSpace(cur) != "" {
		lines = append(lines, strings.TrimSpace(cur))
	}
	return lines
}

func toUpper(s string) string { return strings.ToUpper(s) }
