package main

import (
	"image/color"
	"math/rand/v2"
	"strings"

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

// style names what a card drew, for the list of misses.
type style string

func drawPAN(c *card, r *rand.Rand, p cardkit.Person) style {
	ink := inks[r.IntN(len(inks))]
	c.text(30, 50, true, 24, ink, "INCOME TAX DEPARTMENT", 500)
	c.text(600, 50, true, 24, ink, "GOVT. OF INDIA", 370)
	name, father := strings.ToUpper(p.Name), strings.ToUpper(p.FatherName)
	const x, y, w = 30, 130, 770 // the photo sits right of the text
	number := func(y float64) {
		if r.IntN(2) == 0 {
			c.text(x, y, true, 30, ink, pick(r, "PAN: ", "PAN No: ", "PAN No. ")+p.PAN, w)
			return
		}
		c.text(x, y-45, false, 20, ink, "Permanent Account Number", w)
		c.text(x, y, true, 34, ink, p.PAN, w)
	}
	var s style
	switch r.IntN(3) {
	case 0:
		s = "labels above values"
		c.text(x, y, false, 18, ink, "Permanent Account Number", w)
		c.text(x, y+40, true, 34, ink, p.PAN, w)
		c.text(x, y+95, false, 18, ink, "Name", w)
		c.text(x, y+130, false, 28, ink, name, w)
		c.text(x, y+180, false, 18, ink, "Father's Name", w)
		c.text(x, y+215, false, 28, ink, father, w)
		c.text(x, y+265, false, 18, ink, "Date of Birth", w)
		c.text(x, y+300, false, 28, ink, p.DOB, w)
	case 1:
		s = "labels beside values"
		sep := pick(r, ": ", " : ")
		c.text(x, y, false, 26, ink, "Name"+sep+name, w)
		c.text(x, y+55, false, 26, ink, "Father's Name"+sep+father, w)
		c.text(x, y+110, false, 26, ink, pick(r, "Date of Birth", "DOB")+sep+p.DOB, w)
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

func drawFront(c *card, r *rand.Rand, p cardkit.Person, maskShare float64) style {
	ink := inks[r.IntN(len(inks))]
	c.text(30, 50, true, 26, ink, pick(r, "GOVERNMENT OF INDIA", "Government of India", "AADHAAR"), 900)
	c.rect(30, 90, 230, 340, photo)
	name := p.Name
	if r.IntN(3) == 0 {
		name = strings.ToUpper(name)
	}
	gender := map[cardkit.Gender]string{cardkit.Male: "Male", cardkit.Female: "Female"}[p.Gender]
	if gender == "" {
		gender = "Transgender"
	}
	if r.IntN(2) == 0 {
		gender = strings.ToUpper(gender)
	}
	dobLabel, dob := pick(r, "DOB", "Date of Birth"), p.DOB
	if p.YearOfBirthOnly {
		dobLabel, dob = pick(r, "Year of Birth", "YOB"), p.BirthYear()
	} else if r.IntN(4) == 0 {
		dob = strings.ReplaceAll(dob, "/", "-")
	}
	const x, y, w = 260, 130, 710
	var s style
	switch r.IntN(3) {
	case 0:
		s = "labels beside values"
		sep := pick(r, ": ", " : ")
		c.text(x, y, false, 26, ink, "Name"+sep+name, w)
		c.text(x, y+55, false, 26, ink, dobLabel+sep+dob, w)
		c.text(x, y+110, false, 26, ink, pick(r, "Gender", "Sex")+sep+gender, w)
	case 1:
		s = "labels above values"
		c.text(x, y-10, false, 17, grey, "Name", w)
		c.text(x, y+22, true, 27, ink, name, w)
		c.text(x, y+62, false, 17, grey, dobLabel, w)
		c.text(x, y+94, true, 27, ink, dob, w)
		c.text(x, y+134, false, 17, grey, "Gender", w)
		c.text(x, y+166, true, 27, ink, gender, w)
	default:
		s = "name unlabelled"
		c.text(x, y, false, 28, ink, name, w)
		c.text(x, y+50, false, 26, ink, dobLabel+": "+dob, w)
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
	return s + ", number " + form
}

func drawBack(c *card, r *rand.Rand, p cardkit.Person, maskShare float64) style {
	ink := inks[r.IntN(len(inks))]
	c.text(30, 50, true, 24, ink, pick(r, "UNIQUE IDENTIFICATION AUTHORITY OF INDIA", "Unique Identification Authority of India"), 940)
	street := strings.TrimRight(strings.TrimSuffix(p.Address, "- "+p.PIN), " ,")
	addr := street + pick(r, " - ", ", PIN: ", " ", ", Pincode - ") + p.PIN
	relation := p.CareOf() + pick(r, ": ", " ") + p.CareOfName
	y := 120.0
	s := style("relation in the address")
	text := relation + ", " + addr
	if r.IntN(3) == 0 {
		s, text = "relation above the address", addr
		c.text(30, y, false, 24, ink, relation, 940)
		y += 45
	}
	c.text(30, y, true, 24, ink, "Address:", 940)
	for _, l := range wrap(text, 40+r.IntN(15)) {
		y += 34
		c.text(30, y, false, 24, ink, l, 940)
	}
	number, form := aadhaarNumber(r, p, maskShare)
	size := 40 + float64(r.IntN(25))
	c.text(max(30, 500-c.width(true, size, number)/2), 570, true, size, ink, number, 940)
	return s + ", number " + form
}

// wrap breaks s into lines of at most width characters at spaces.
func wrap(s string, width int) []string {
	var out []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case len(cur)+1+len(w) > width:
			out = append(out, cur)
			cur = w
		default:
			cur += " " + w
		}
	}
	return append(out, cur)
}
