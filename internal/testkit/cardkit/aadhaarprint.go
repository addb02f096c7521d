package cardkit

import (
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
)

// pvcFront: the PVC card, a tinted ground and smaller print; the issue date
// runs beside the photo.
func pvcFront(p Person, tf Typeface, face image.Image) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, cardH, color.White)
	c.gradient(c.img.Bounds(), color.RGBA{252, 240, 226, 255}, color.RGBA{232, 246, 236, 255})
	aadhaarHeader(c, "भारत सरकार", "Government of India")
	c.photo(image.Rect(60, 170, 300, 470), face)
	c.text(60, 500, reg, 17, greyLabel, "Issue Date: "+p.derivedDate(1, 2012, 2023))
	x := 340
	c.fitText(x, 215, devanagari, 25, black, p.NameHindi, cardW-x-40)
	c.fitText(x, 260, bold, 28, black, p.Name, cardW-x-40)
	c.text(x, 312, reg, 24, black, dobLine(p, ": "))
	c.text(x, 362, reg, 24, black, genderHindi(p.Gender)+"/ "+string(p.Gender))
	c.centered(cardW/2, 590, bold, 44, black, p.AadhaarSpaced())
	c.fill(image.Rect(40, 610, cardW-40, 614), darkRed)
	c.centered(cardW/2, 648, devanagariBold, 22, darkRed, "मेरा आधार, मेरी पहचान")
	return c.img
}

// pvcBack: Hindi address in the left column, English in the right, the QR
// code below the Hindi, the number at the bottom.
func pvcBack(p Person, tf Typeface) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, cardH, color.White)
	c.gradient(c.img.Bounds(), color.RGBA{244, 246, 252, 255}, color.RGBA{252, 244, 236, 255})
	aadhaarHeader(c, "भारतीय विशिष्ट पहचान प्राधिकरण", "Unique Identification Authority of India")
	full := p.CareOf() + ": " + p.CareOfName + ", " + p.Address
	addressBlock(c, 40, 175, devanagari, 19, 27, "पता:", Devanagari(full), 95)
	addressBlock(c, 540, 175, reg, 22, 31, "Address:", full, 36)
	c.qr(image.Rect(60, 380, 250, 570), p, DocAadhaarBack)
	c.centered(cardW/2+120, 595, bold, 40, black, p.AadhaarSpaced())
	c.fill(image.Rect(40, 615, cardW-40, 619), darkRed)
	c.text(cardW-300, 652, reg, 18, darkBlue, "www.uidai.gov.in")
	return c.img
}

// The e-Aadhaar print is an A4 page; the part a user crops and uploads holds
// the letter's head (Enrolment No) above the card, so it is taller than a
// card.
const ePrintH = 860

// ePrintFront: the Enrolment No line, the card with photo, names, date and
// gender, the number (masked or not), the VID line and the issue date.
func ePrintFront(p Person, tf Typeface, face image.Image, masked bool) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, ePrintH, color.White)
	c.text(40, 50, reg, 22, black, "नामांकन क्रम / Enrolment No.: "+p.enrolmentNo())
	c.fill(image.Rect(30, 80, cardW-30, 82), greyLabel)
	c.fill(image.Rect(0, 100, cardW, 112), saffron)
	c.ring(90, 170, 42, 5, color.RGBA{120, 100, 60, 255})
	c.centered(cardW/2, 165, devanagariBold, 28, black, "भारत सरकार")
	c.centered(cardW/2, 205, bold, 28, black, "Government of India")
	c.photo(image.Rect(50, 250, 300, 560), face)
	x := 340
	c.fitText(x, 290, devanagari, 26, black, p.NameHindi, cardW-x-40)
	c.fitText(x, 338, reg, 28, black, p.Name, cardW-x-40)
	c.text(x, 392, reg, 25, black, dobLine(p, ": "))
	c.text(x, 444, reg, 25, black, genderHindi(p.Gender)+" / "+string(p.Gender))
	c.text(x, 510, reg, 20, greyLabel, "Issue Date: "+p.derivedDate(1, 2012, 2023))
	c.text(x, 545, reg, 20, greyLabel, "Download Date: "+p.derivedDate(2, 2023, 2026))
	number := p.AadhaarSpaced()
	if masked {
		number = p.AadhaarMasked()
	}
	c.centered(cardW/2, 660, bold, 46, black, number)
	c.centered(cardW/2, 712, reg, 24, black, "VID : "+p.vid())
	c.fill(image.Rect(40, 740, cardW-40, 745), darkRed)
	c.centered(cardW/2, 790, devanagariBold, 24, darkRed, "मेरा आधार, मेरी पहचान")
	return c.img
}

// ePrintBack: the bilingual address (Hindi, then English), the QR code, the
// number and the VID.
func ePrintBack(p Person, tf Typeface, masked bool) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, ePrintH, color.White)
	c.fill(image.Rect(0, 0, cardW, 12), saffron)
	c.centered(cardW/2, 60, devanagariBold, 26, black, "भारतीय विशिष्ट पहचान प्राधिकरण")
	c.centered(cardW/2, 100, bold, 26, black, "Unique Identification Authority of India")
	full := p.CareOf() + ": " + p.CareOfName + ", " + p.Address
	y := addressBlock(c, 50, 170, devanagari, 22, 31, "पता:", Devanagari(full), 100)
	addressBlock(c, 50, y+40, reg, 25, 35, "Address:", full, 40)
	c.qr(image.Rect(cardW-300, 150, cardW-50, 400), p, DocAadhaarBack)
	number := p.AadhaarSpaced()
	if masked {
		number = p.AadhaarMasked()
	}
	c.centered(cardW/2, 710, bold, 44, black, number)
	c.centered(cardW/2, 760, reg, 23, black, "VID : "+p.vid())
	c.fill(image.Rect(40, 785, cardW-40, 790), darkRed)
	c.text(50, 830, reg, 19, darkBlue, "help@uidai.gov.in  |  www.uidai.gov.in  |  1947")
	return c.img
}

// plainFront is the independent generator's card that first showed the
// reader leaning on the kit's layout: plain white, no bands, labelled lines
// and the number large and bold at the bottom.
func plainFront(p Person, tf Typeface, face image.Image) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, cardH, color.White)
	c.text(40, 60, bold, 30, black, "GOVERNMENT OF INDIA")
	c.photo(image.Rect(40, 100, 260, 370), face)
	x := 300
	c.fitText(x, 140, reg, 28, black, "Name: "+p.Name, cardW-x-40)
	if p.YearOfBirthOnly {
		c.text(x, 200, reg, 28, black, "Year of Birth: "+p.BirthYear())
	} else {
		c.text(x, 200, reg, 28, black, "DOB: "+p.DOB)
	}
	c.text(x, 260, reg, 28, black, "Gender: "+string(p.Gender))
	c.text(40, 615, bold, 68, black, p.AadhaarSpaced())
	return c.img
}

// plainBack: the address under its label, the number large at the bottom.
func plainBack(p Person, tf Typeface) image.Image {
	reg, bold := tf.faces()
	c := newCanvas(cardW, cardH, color.White)
	c.text(40, 60, bold, 28, black, "UNIQUE IDENTIFICATION AUTHORITY OF INDIA")
	addressBlock(c, 40, 130, reg, 27, 38, "Address:", p.CareOf()+" "+p.CareOfName+", "+p.Address, 52)
	c.text(40, 615, bold, 68, black, p.AadhaarSpaced())
	return c.img
}

// derivedDate is a date drawn from the person's number (the same card
// always prints the same issue date), salt telling dates apart.
func (p Person) derivedDate(salt uint32, fromYear, toYear int) string {
	h := p.hash(salt)
	d, m := 1+h%28, 1+(h/28)%12
	y := fromYear + int(h/336)%(toYear-fromYear+1)
	return fmt.Sprintf("%02d/%02d/%04d", d, m, y)
}

// enrolmentNo is the 14-digit enrolment number printed 4/5/5.
func (p Person) enrolmentNo() string {
	h, g := p.hash(3), p.hash(4)
	return fmt.Sprintf("%04d/%05d/%05d", h%10000, g%100000, (h/10000)%100000)
}

// vid is a 16-digit Virtual ID printed 4-4-4-4.
func (p Person) vid() string {
	h, g := p.hash(5), p.hash(6)
	return fmt.Sprintf("9%03d %04d %04d %04d", h%1000, (h/1000)%10000, g%10000, (g/10000)%10000)
}

func (p Person) hash(salt uint32) uint32 {
	f := fnv.New32a()
	_, _ = fmt.Fprintf(f, "%s/%d", p.Aadhaar, salt)
	return f.Sum32()
}
