package cardkit

import (
	"image"
	"image/color"
	"strings"
)

// RenderAadhaarFront draws the front of an Aadhaar card: header, photo box on
// the left (face, or a silhouette when nil), name, date or year of birth,
// gender, the 4-4-4 number and the slogan.
func RenderAadhaarFront(p Person, face image.Image) image.Image {
	c := newCanvas(cardW, cardH, color.White)
	aadhaarHeader(c, "भारत सरकार", "Government of India")

	c.photo(image.Rect(50, 160, 330, 510), face)

	x := 370
	c.text(x, 230, notoSansBold, 34, black, p.Name)
	if p.YearOfBirthOnly {
		c.text(x, 295, notoSans, 28, black, "जन्म वर्ष / Year of Birth : "+p.BirthYear())
	} else {
		c.text(x, 295, notoSans, 28, black, "जन्म तिथि / DOB : "+p.DOB)
	}
	c.text(x, 355, notoSans, 28, black, genderHindi(p.Gender)+" / "+string(p.Gender))

	c.centered(cardW/2, 600, dejaVuSansBold, 52, black, p.AadhaarSpaced())
	c.fill(image.Rect(40, 622, cardW-40, 627), darkRed)
	c.centered(cardW/2, 655, devanagariBold, 24, darkRed, "मेरा आधार, मेरी पहचान")
	return c.img
}

// RenderAadhaarBack draws the back: authority header, the address block after
// "Address:" (care-of line first, wrapped at commas), a QR-like code, the number.
func RenderAadhaarBack(p Person) image.Image {
	c := newCanvas(cardW, cardH, color.White)
	aadhaarHeader(c, "भारतीय विशिष्ट पहचान प्राधिकरण", "Unique Identification Authority of India")

	x, y := 50, 200
	c.text(x, y, notoSansBold, 26, black, "पता / Address:")
	lines := append([]string{p.CareOf() + ": " + p.FatherName + ","}, wrapAtCommas(p.Address, 34)...)
	for _, l := range lines {
		y += 42
		c.text(x, y, dejaVuSans, 28, black, l)
	}

	c.codeBlock(image.Rect(cardW-300, 170, cardW-50, 420), p.Aadhaar)
	c.centered(cardW/2, 580, dejaVuSansBold, 48, black, p.AadhaarSpaced())
	c.fill(image.Rect(40, 602, cardW-40, 607), darkRed)
	c.text(50, 645, dejaVuSans, 20, darkBlue, "1947")
	c.text(cardW/2-200, 645, dejaVuSans, 20, darkBlue, "help@uidai.gov.in")
	c.text(cardW-290, 645, dejaVuSans, 20, darkBlue, "www.uidai.gov.in")
	return c.img
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
