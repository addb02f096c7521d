package cardkit

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Gender as printed on the Aadhaar front (English part).
type Gender string

// Genders printed by the kit.
const (
	Male   Gender = "MALE"
	Female Gender = "FEMALE"
)

// DateLayout is how dates are printed on both cards (DD/MM/YYYY).
const DateLayout = "02/01/2006"

// Person holds the values printed on one person's cards. All numbers are
// synthetic but structurally valid, so a correct reader must accept them.
type Person struct {
	// Name as printed on the Aadhaar front (title case); the PAN prints it in capitals.
	Name string `json:"name"`
	// NameHindi is the name in Devanagari, printed above the English one on
	// bilingual cards (a rough transliteration: it is there to be read past).
	NameHindi string `json:"name_hindi,omitempty"`
	// FatherName is printed on the PAN.
	FatherName string `json:"father_name"`
	// Relation ("S/O", "D/O", "W/O", "C/O") and CareOfName open the Aadhaar
	// back's address; CareOfName is the father, a husband or a guardian.
	Relation   string `json:"relation"`
	CareOfName string `json:"care_of_name"`
	// DOB is the date of birth as printed, DD/MM/YYYY.
	DOB string `json:"dob"`
	// YearOfBirthOnly: the Aadhaar front prints "Year of Birth: YYYY" instead of the date
	// (older cards do); the PAN always prints the full date.
	YearOfBirthOnly bool   `json:"year_of_birth_only,omitempty"`
	Gender          Gender `json:"gender"`
	// PAN is the 10-character Permanent Account Number, 4th character P (individual).
	PAN string `json:"pan"`
	// Aadhaar is the 12-digit number without spaces: first digit 2-9, Verhoeff-valid.
	Aadhaar string `json:"aadhaar"`
	// Address is the postal address printed after "Address:" on the Aadhaar back,
	// without the S/O line, ending with "- " and the 6-digit PIN.
	Address string `json:"address"`
	// PIN is the 6-digit postal code that ends Address.
	PIN string `json:"pin"`
}

// NewRand returns a deterministic generator for a seed, the kind every kit
// function takes, so a seed reproduces a whole set.
func NewRand(seed int64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x6b79632d6b6974)) //nolint:gosec // test data, not secrets
}

// NewPerson draws a random person with valid PAN, Aadhaar, date and address.
// Names come in the shapes Indian cards carry (given names and a family name,
// long South Indian names, initials, a single name); the care-of line names a
// father, a husband or a guardian, so no parser can count on it repeating the
// PAN's father's name or the holder's surname.
func NewPerson(r *rand.Rand) Person {
	g := Male
	if r.IntN(2) == 0 {
		g = Female
	}
	name, surname := randomName(r, g)
	father, _ := randomName(r, Male)
	if r.IntN(2) == 0 && !strings.Contains(father, " ") {
		father += " " + surname // a single-named father sometimes carries the family name
	}
	relation, careOf := "S/O", father
	switch k := r.IntN(10); {
	case g == Female && k < 3:
		relation, careOf = "W/O", pickName(r, Male)
	case k == 9:
		relation, careOf = "C/O", pickName(r, Male)
	case g == Female:
		relation = "D/O"
	}
	dob := randomDate(r, 1950, 2006)
	addr, pin := randomAddress(r)
	return Person{
		Name:            name,
		NameHindi:       Devanagari(name),
		FatherName:      father,
		Relation:        relation,
		CareOfName:      careOf,
		DOB:             dob.Format(DateLayout),
		YearOfBirthOnly: r.IntN(10) == 0,
		Gender:          g,
		PAN:             randomPAN(r, surname),
		Aadhaar:         randomAadhaar(r),
		Address:         addr,
		PIN:             pin,
	}
}

func pickName(r *rand.Rand, g Gender) string {
	n, _ := randomName(r, g)
	return n
}

// randomName draws a name in one of four shapes and returns the word whose
// initial the PAN's fifth character carries.
func randomName(r *rand.Rand, g Gender) (name, surname string) {
	given, south := maleGiven, southMale
	if g == Female {
		given, south = femaleGiven, southFemale
	}
	switch k := r.IntN(20); {
	case k < 9: // "Rahul Kumar Sharma"
		surname = pick(r, surnames)
		name = pick(r, given)
		if r.IntN(3) == 0 {
			name += " " + pick(r, middleNames)
		}
		return name + " " + surname, surname
	case k < 14: // "Venkata Naga Lakshmi Subramaniam": long South Indian names
		parts := []string{pick(r, southPrefixes)}
		for range 1 + r.IntN(2) {
			parts = append(parts, pick(r, south))
		}
		surname = pick(r, southFamily)
		return strings.Join(append(parts, surname), " "), surname
	case k < 18: // "K. R. Srinivasan", "Meenakshi S"
		first := pick(r, south)
		initials := []string{string(upper[r.IntN(26)]) + "."}
		if r.IntN(2) == 0 {
			initials = append(initials, string(upper[r.IntN(26)])+".")
		}
		if r.IntN(3) == 0 {
			init := strings.TrimSuffix(initials[0], ".")
			return first + " " + init, init
		}
		return strings.Join(initials, " ") + " " + first, first
	default: // a single name
		n := pick(r, south)
		return n, n
	}
}

// DOBTime parses DOB; the zero time if it is malformed.
func (p Person) DOBTime() time.Time {
	t, err := time.Parse(DateLayout, p.DOB)
	if err != nil {
		return time.Time{}
	}
	return t
}

// DOBISO is the date of birth as YYYY-MM-DD, the API's format.
func (p Person) DOBISO() string { return p.DOBTime().Format(time.DateOnly) }

// BirthYear is the year part of DOB as printed.
func (p Person) BirthYear() string {
	if len(p.DOB) < 4 {
		return ""
	}
	return p.DOB[len(p.DOB)-4:]
}

// AadhaarDOBText is the date-of-birth value as printed on the Aadhaar front:
// the full date, or only the year when YearOfBirthOnly is set.
func (p Person) AadhaarDOBText() string {
	if p.YearOfBirthOnly {
		return p.BirthYear()
	}
	return p.DOB
}

// AadhaarSpaced is the number grouped 4-4-4 as printed.
func (p Person) AadhaarSpaced() string {
	if len(p.Aadhaar) != 12 {
		return p.Aadhaar
	}
	return p.Aadhaar[:4] + " " + p.Aadhaar[4:8] + " " + p.Aadhaar[8:]
}

// AadhaarLast4 is the last four digits, the only part a reader may return.
func (p Person) AadhaarLast4() string {
	if len(p.Aadhaar) < 4 {
		return ""
	}
	return p.Aadhaar[len(p.Aadhaar)-4:]
}

// AadhaarMasked is the masked form the platform stores: XXXX XXXX 1234.
func (p Person) AadhaarMasked() string { return "XXXX XXXX " + p.AadhaarLast4() }

// PANName is the name as the PAN card prints it (capitals).
func (p Person) PANName() string { return strings.ToUpper(p.Name) }

// CareOf is the relation prefix printed before CareOfName on the Aadhaar back.
func (p Person) CareOf() string {
	if p.Relation != "" {
		return p.Relation
	}
	if p.Gender == Female {
		return "D/O"
	}
	return "S/O"
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func randomDate(r *rand.Rand, fromYear, toYear int) time.Time {
	start := time.Date(fromYear, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(toYear, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(end.Sub(start).Hours() / 24)
	return start.AddDate(0, 0, r.IntN(days))
}

const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// randomPAN follows the published structure: three letters (series), the holder
// type (P = individual), the first letter of the surname, four digits of a
// sequence (never 0000) and a letter.
func randomPAN(r *rand.Rand, surname string) string {
	var b strings.Builder
	for range 3 {
		b.WriteByte(upper[r.IntN(26)])
	}
	b.WriteByte('P')
	b.WriteByte(strings.ToUpper(surname)[0])
	fmt.Fprintf(&b, "%04d", 1+r.IntN(9999))
	b.WriteByte(upper[r.IntN(26)])
	return b.String()
}

// randomAadhaar draws 11 digits (the first 2-9) and appends the Verhoeff digit.
func randomAadhaar(r *rand.Rand) string {
	d := make([]byte, 11, 12)
	d[0] = byte('2' + r.IntN(8))
	for i := 1; i < 11; i++ {
		d[i] = byte('0' + r.IntN(10))
	}
	return string(append(d, verhoeffDigit(string(d))))
}

func randomAddress(r *rand.Rand) (addr, pin string) {
	pl := places[r.IntN(len(places))]
	pin = fmt.Sprintf("%s%03d", pl.PINPrefix, r.IntN(100))
	var parts []string
	switch r.IntN(5) {
	case 0:
		parts = append(parts, fmt.Sprintf("House No. %d", 1+r.IntN(400)))
	case 1:
		parts = append(parts, fmt.Sprintf("%d-%d", 1+r.IntN(20), 1+r.IntN(300)))
	case 2:
		parts = append(parts, fmt.Sprintf("%d/%d", 1+r.IntN(90), 1+r.IntN(40)), fmt.Sprintf("%s Cross", ordinal(1+r.IntN(12))))
	case 3:
		parts = append(parts, fmt.Sprintf("Door No %d%c", 1+r.IntN(150), 'A'+rune(r.IntN(4))))
	default:
		parts = append(parts, fmt.Sprintf("Flat %d%02d", 1+r.IntN(12), 1+r.IntN(12)), pick(r, buildings))
	}
	parts = append(parts, pick(r, streets))
	if r.IntN(2) == 0 {
		parts = append(parts, pick(r, landmarks))
	}
	parts = append(parts, pick(r, localities), pl.City, pl.State+" - "+pin)
	return strings.Join(parts, ", "), pin
}

func ordinal(n int) string {
	switch {
	case n%10 == 1 && n != 11:
		return fmt.Sprintf("%dst", n)
	case n%10 == 2 && n != 12:
		return fmt.Sprintf("%dnd", n)
	case n%10 == 3 && n != 13:
		return fmt.Sprintf("%drd", n)
	}
	return fmt.Sprintf("%dth", n)
}
