package main

import (
	"image/color"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// The layouts below are not the kit's: labels beside their values ("Name: ..."), labels above them, no labels;
// the number anywhere from the top to the bottom, with or without a label, spaced or run together, masked the
// ways UIDAI and others write it; inks and paper tints. Each card draws its style at random.

var (
	inks   = []color.Color{color.Black, color.RGBA{30, 30, 30, 255}, color.RGBA{10, 20, 70, 255}}
	papers = []color.Color{color.White, color.White, color.RGBA{250, 246, 230, 255}, color.RGBA{235, 242, 250, 255}}
	grey   = color.RGBA{90, 90, 90, 255}
	photo  = color.RGBA{180, 180, 190, 255}
	masks  = []string{"XXXX XXXX ", "xxxx xxxx ", "XXXX-XXXX-", "xxxx-xxxx-"}
)

func pick(r *rand.Rand, s ...string) string { return s[r.IntN(len(s))] }

// dress is what a card may wear over its layout, drawn from its own random stream so that the layouts of a seed
// stay the same whether it is asked for or not.
type dress struct {
	hindi bool        // Hindi beside the English labels and header, a Hindi name, address block and slogan
	band  color.Color // a header band the header is printed on in white; nil for none
	qr    *rand.Rand  // a QR code's modules beside the text (PAN 2018, PVC and e-Aadhaar print one); nil for none
}

// qrCode draws a QR-like square at (x, y) of side units: the three finder patterns and random modules, which is
// all a reader sees of a QR: a block of black squares beside the text.
func (d dress) qrCode(c *card, x, y, side float64) {
	const n = 29 // modules a side (version 3)
	m := side / n
	mod := func(i, j int) {
		c.rect(x+float64(i)*m, y+float64(j)*m, x+float64(i+1)*m, y+float64(j+1)*m, color.Black)
	}
	for i := range n {
		for j := range n {
			fi, fj := -1, -1
			for _, f := range [][2]int{{0, 0}, {n - 7, 0}, {0, n - 7}} {
				if i >= f[0] && i < f[0]+7 && j >= f[1] && j < f[1]+7 {
					fi, fj = i-f[0], j-f[1]
				}
			}
			switch {
			case fi >= 0:
				ring := fi == 0 || fi == 6 || fj == 0 || fj == 6
				core := fi >= 2 && fi <= 4 && fj >= 2 && fj <= 4
				if ring || core {
					mod(i, j)
				}
			case d.qr.IntN(2) == 0:
				mod(i, j)
			}
		}
	}
}

var (
	bands  = []color.Color{color.RGBA{236, 134, 40, 255}, color.RGBA{40, 80, 160, 255}, color.RGBA{30, 120, 70, 255}}
	red    = color.RGBA{200, 30, 30, 255}
	hindis = map[string]string{
		"Name": "नाम", "Father's Name": "पिता का नाम", "Date of Birth": "जन्म की तारीख", "DOB": "जन्म तिथि",
		"Permanent Account Number": "स्थायी लेखा संख्या", "Year of Birth": "जन्म वर्ष", "YOB": "जन्म वर्ष",
		"Gender": "लिंग", "Sex": "लिंग", "Male": "पुरुष", "Female": "महिला", "Transgender": "ट्रांसजेंडर",
	}
)

// label is en as the card prints it: "नाम / Name" on a bilingual card.
func (d dress) label(en string) string {
	if h, ok := hindis[en]; ok && d.hindi {
		return h + " / " + en
	}
	return en
}

// header prints a card's heading (English, and the Hindi above it on a bilingual card) at the top left and right.
func (d dress) header(c *card, ink color.Color, left, right string, hindiLeft, hindiRight string, leftW, rightW float64) {
	if d.band != nil {
		c.rect(0, 0, 1000, 88, d.band)
		ink = color.White
	}
	y := 50.0
	if d.hindi {
		c.text(30, 36, true, 22, ink, hindiLeft, leftW)
		if hindiRight != "" {
			c.text(600, 36, true, 22, ink, hindiRight, rightW)
		}
		y = 74
	}
	c.text(30, y, true, 24, ink, left, leftW)
	if right != "" {
		c.text(600, y, true, 24, ink, right, rightW)
	}
}

func (d dress) String() string {
	var s []string
	if d.hindi {
		s = append(s, "bilingual")
	}
	if d.band != nil {
		s = append(s, "header band")
	}
	if d.qr != nil {
		s = append(s, "QR")
	}
	return strings.Join(s, ", ")
}

// style names what a card drew, for the list of misses.
type style string

func drawPAN(c *card, r *rand.Rand, p cardkit.Person, d dress) style {
	ink := inks[r.IntN(len(inks))]
	d.header(c, ink, "INCOME TAX DEPARTMENT", "GOVT. OF INDIA", "आयकर विभाग", "भारत सरकार", 500, 370)
	name, father := strings.ToUpper(p.Name), strings.ToUpper(p.FatherName)
	const x, y = 30, 130 // the photo sits right of the text
	w := 770.0
	if d.qr != nil {
		w = 600
		d.qrCode(c, 660, 120, 150)
	}
	number := func(y float64) {
		if r.IntN(2) == 0 {
			c.text(x, y, true, 30, ink, pick(r, "PAN: ", "PAN No: ", "PAN No. ")+p.PAN, w)
			return
		}
		c.text(x, y-45, false, 20, ink, d.label("Permanent Account Number"), w)
		c.text(x, y, true, 34, ink, p.PAN, w)
	}
	var s style
	switch r.IntN(3) {
	case 0:
		s = "labels above values"
		c.text(x, y, false, 18, ink, d.label("Permanent Account Number"), w)
		c.text(x, y+40, true, 34, ink, p.PAN, w)
		c.text(x, y+95, false, 18, ink, d.label("Name"), w)
		c.text(x, y+130, false, 28, ink, name, w)
		c.text(x, y+180, false, 18, ink, d.label("Father's Name"), w)
		c.text(x, y+215, false, 28, ink, father, w)
		c.text(x, y+265, false, 18, ink, d.label("Date of Birth"), w)
		c.text(x, y+300, false, 28, ink, p.DOB, w)
	case 1:
		s = "labels beside values"
		sep := pick(r, ": ", " : ")
		c.text(x, y, false, 26, ink, d.label("Name")+sep+name, w)
		c.text(x, y+55, false, 26, ink, d.label("Father's Name")+sep+father, w)
		c.text(x, y+110, false, 26, ink, d.label(pick(r, "Date of Birth", "DOB"))+sep+p.DOB, w)
		number(y + 240)
	default:
		s = "no labels"
		c.text(x, y, false, 28, ink, name, w)
		c.text(x, y+50, false, 28, ink, father, w)
		c.text(x, y+100, false, 28, ink, p.DOB, w)
		number(y + 215)
	}
	c.rect(820, 380, 970, 590, photo)
	return s
}

// aadhaarNumber is the number as a card prints it, and the form it took (never the number: the misses name it).
func aadhaarNumber(r *rand.Rand, p cardkit.Person, maskShare float64) (string, style) {
	switch {
	case r.Float64() < maskShare:
		m := masks[r.IntN(len(masks))]
		return m + p.AadhaarLast4(), style(m + "1234")
	case r.IntN(6) == 0:
		return p.Aadhaar, "run together"
	}
	return p.AadhaarSpaced(), "spaced"
}

func drawFront(c *card, r *rand.Rand, p cardkit.Person, maskShare float64, d dress) style {
	ink := inks[r.IntN(len(inks))]
	d.header(c, ink, pick(r, "GOVERNMENT OF INDIA", "Government of India", "AADHAAR"), "", "भारत सरकार", "", 900, 0)
	c.rect(30, 90, 230, 340, photo)
	name := p.Name
	if r.IntN(3) == 0 {
		name = strings.ToUpper(name)
	}
	gender := map[cardkit.Gender]string{cardkit.Male: "Male", cardkit.Female: "Female"}[p.Gender]
	if gender == "" {
		gender = "Transgender"
	}
	hindiGender := hindis[gender]
	if r.IntN(2) == 0 {
		gender = strings.ToUpper(gender)
	}
	if d.hindi {
		gender = hindiGender + " / " + gender
	}
	dobLabel, dob := pick(r, "DOB", "Date of Birth"), p.DOB
	if p.YearOfBirthOnly {
		dobLabel, dob = pick(r, "Year of Birth", "YOB"), p.BirthYear()
	} else if r.IntN(4) == 0 {
		dob = strings.ReplaceAll(dob, "/", "-")
	}
	const x, y = 260, 130
	w := 710.0
	if d.qr != nil {
		w = 520
		d.qrCode(c, 800, 110, 170)
	}
	var s style
	switch r.IntN(3) {
	case 0:
		s = "labels beside values"
		sep := pick(r, ": ", " : ")
		c.text(x, y, false, 26, ink, d.label("Name")+sep+name, w)
		c.text(x, y+55, false, 26, ink, d.label(dobLabel)+sep+dob, w)
		c.text(x, y+110, false, 26, ink, d.label(pick(r, "Gender", "Sex"))+sep+gender, w)
	case 1:
		s = "labels above values"
		c.text(x, y-10, false, 17, grey, d.label("Name"), w)
		c.text(x, y+22, true, 27, ink, name, w)
		c.text(x, y+62, false, 17, grey, d.label(dobLabel), w)
		c.text(x, y+94, true, 27, ink, dob, w)
		c.text(x, y+134, false, 17, grey, d.label("Gender"), w)
		c.text(x, y+166, true, 27, ink, gender, w)
	default:
		s = "name unlabelled"
		if d.hindi {
			c.text(x, y-40, false, 26, ink, cardkit.Devanagari(p.Name), w)
		}
		c.text(x, y, false, 28, ink, name, w)
		c.text(x, y+50, false, 26, ink, d.label(dobLabel)+": "+dob, w)
		c.text(x, y+100, false, 26, ink, gender, w)
	}
	number, form := aadhaarNumber(r, p, maskShare)
	size := 40 + float64(r.IntN(25))
	if r.IntN(4) == 0 {
		number, size, form = pick(r, "Aadhaar No: ", "Aadhaar No. ", "Your Aadhaar No.: ")+number, 32, form+", labelled"
	}
	left := 30.0
	if r.IntN(2) == 0 { // centred
		left = max(30, 500-c.width(true, size, number)/2)
	}
	c.text(left, 560, true, size, ink, number, 940)
	if d.hindi {
		c.text(340, 614, false, 20, red, "मेरा आधार, मेरी पहचान", 400)
	}
	return s + ", number " + form
}

func drawBack(c *card, r *rand.Rand, p cardkit.Person, maskShare float64, d dress) style {
	textW := 940.0
	if d.qr != nil {
		textW = 700
		d.qrCode(c, 770, 120, 200)
	}
	ink := inks[r.IntN(len(inks))]
	d.header(c, ink, pick(r, "UNIQUE IDENTIFICATION AUTHORITY OF INDIA", "Unique Identification Authority of India"), "",
		"भारतीय विशिष्ट पहचान प्राधिकरण", "", 940, 0)
	street := strings.TrimRight(strings.TrimSuffix(p.Address, "- "+p.PIN), " ,")
	addr := street + pick(r, " - ", ", PIN: ", " ", ", Pincode - ") + p.PIN
	relation := p.CareOf() + pick(r, ": ", " ") + p.CareOfName
	y := 120.0
	s := style("relation in the address")
	text := relation + ", " + addr
	if r.IntN(3) == 0 {
		s, text = "relation above the address", addr
		c.text(30, y, false, 24, ink, relation, textW)
		y += 45
	}
	lines, print, step := wrap(text, 40+r.IntN(15)), 24.0, 34.0
	if d.hindi { // the Hindi block first, as the card prints it; both smaller to fit
		print, step = 21, 30
		c.text(30, y, true, print, ink, "पता:", textW)
		for _, l := range wrap(cardkit.Devanagari(text), 45) {
			y += step
			c.text(30, y, false, print, ink, l, textW)
		}
		y += step + 8
	}
	c.text(30, y, true, print, ink, "Address:", textW)
	for _, l := range lines {
		y += step
		c.text(30, y, false, print, ink, l, textW)
	}
	number, form := aadhaarNumber(r, p, maskShare)
	size := 40 + float64(r.IntN(25))
	c.text(max(30, 500-c.width(true, size, number)/2), 570, true, size, ink, number, 940)
	return s + ", number " + form
}

// wrap breaks s into lines of at most width letters (runes) at spaces.
func wrap(s string, width int) []string {
	var out []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) > width:
			out = append(out, cur)
			cur = w
		default:
			cur += " " + w
		}
	}
	return append(out, cur)
}
