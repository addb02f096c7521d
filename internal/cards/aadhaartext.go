package cards

import (
	"fmt"
	"regexp"
	"strconv"
)

// AadhaarNumberPick is the number chosen from a card's lines. The full number
// stays inside Number (masked whenever printed).
type AadhaarNumberPick struct {
	Number AadhaarNumber // zero when none is valid
	// MaskedLast4 holds the last four digits when the card prints only a
	// masked number ("XXXX XXXX 1234") and no full valid one; Number is zero then.
	MaskedLast4 string
	Line        int
	Certainty   float64
}

// Found reports whether a full or a masked number was picked.
func (p AadhaarNumberPick) Found() bool { return !p.Number.IsZero() || p.MaskedLast4 != "" }

// AadhaarFrontText is what the Aadhaar front parser found.
type AadhaarFrontText struct {
	Number   AadhaarNumberPick
	Name     Extract
	DOB      Extract // ISO date, or a year when the card prints only the year
	YearOnly bool
	Gender   Extract
	Findings []Finding
}

// AadhaarBackText is what the Aadhaar back parser found.
type AadhaarBackText struct {
	Number  AadhaarNumberPick
	CareOf  Extract // "S/O: name" relation, without the prefix
	Address Extract // after "Address:" up to and including the PIN, care-of line removed
	PIN     Extract
	// PINSuspect is the address line whose PIN was cut short or repaired (Line -1: none).
	PINSuspect PINSuspect
	Findings   []Finding
}

// nameValueRe: a line that opens with the label "Name" and carries the value,
// after a colon or, the colon lost to blur, a space ("Name Lakshmi Durga Menon").
// A bilingual card prints the Hindi label first ("नाम / Name: ..."), which an
// English pass reads as a short run of debris before the slash ("ama / Name:").
var nameValueRe = regexp.MustCompile(`(?i)^(?:[^/|]{0,15}[/|])?\W{0,3}name(?:\s*[:;.]\s*|\s+)(\S.*)$`)

var panMarkRe = regexp.MustCompile(`(?i)income\s*tax|permanent\s*account|govt\.?\s*of\s*india`)

// ParseAadhaarFront extracts number, name, date (or year) of birth and gender.
func ParseAadhaarFront(lines []string) AadhaarFrontText {
	var out AadhaarFrontText
	out.Number, out.Findings = pickAadhaar(lines)
	var dob Date
	if out.DOB, dob = FindDOB(lines); dob.IsZero() {
		out.DOB, dob = yearUnderName(lines)
	}
	out.YearOnly = dob.YearOnly() && !dob.IsZero()
	switch {
	case dob.IsZero():
		out.Findings = append(out.Findings, finding(CodeDOBNotFound, SevError, FieldDOB, "no date or year of birth found on the Aadhaar card"))
	case out.YearOnly:
		out.Findings = append(out.Findings, finding(CodeDOBYearOnly, SevInfo, FieldDOB, "the Aadhaar card prints only the year of birth"))
	}
	out.Name = aadhaarName(lines, out.DOB.Line)
	if !out.Name.Found() {
		out.Findings = append(out.Findings, finding(CodeNameNotFound, SevError, FieldName, "no name found on the Aadhaar card"))
	}
	out.Gender = FindGender(lines)
	if !out.Gender.Found() {
		out.Findings = append(out.Findings, finding(CodeGenderNotFound, SevWarning, FieldGender, "no gender found on the Aadhaar card"))
	}
	if !out.Number.Found() && looksLikePAN(lines) {
		out.Findings = append(out.Findings, finding(CodeWrongDocType, SevError, FieldDocument, "this looks like a PAN card, not an Aadhaar card"))
		distrust(&out.Name, &out.DOB, &out.Gender)
	}
	return out
}

// ParseAadhaarBack extracts the number and the address block.
func ParseAadhaarBack(lines []string) AadhaarBackText {
	var out AadhaarBackText
	out.Number, out.Findings = pickAadhaar(lines)
	addr := ParseAddress(lines)
	out.CareOf, out.Address, out.PIN, out.PINSuspect = addr.CareOf, addr.Address, addr.PIN, addr.PINSuspect
	out.Findings = append(out.Findings, addr.Findings...)
	if !out.Number.Found() && !out.Address.Found() && looksLikePAN(lines) {
		out.Findings = append(out.Findings, finding(CodeWrongDocType, SevError, FieldDocument, "this looks like a PAN card, not an Aadhaar card"))
		distrust(&out.CareOf, &out.Address, &out.PIN)
	}
	return out
}

// distrustFactor scales the certainty of values read from a card that seems
// to be of another type: they are returned, but never as certain.
const distrustFactor = 0.3

func distrust(es ...*Extract) {
	for _, e := range es {
		e.Certainty *= distrustFactor
	}
}

// PickAadhaar picks the card's number from lines alone, as the parsers do.
func PickAadhaar(lines []string) (AadhaarNumberPick, []Finding) { return pickAadhaar(lines) }

// pickAadhaar keeps only candidates that pass the checksum with a first digit
// of 2-9; invalid ones produce a finding, never a value.
func pickAadhaar(lines []string) (AadhaarNumberPick, []Finding) {
	none := AadhaarNumberPick{Line: -1}
	cands := FindAadhaar(lines)
	var valid []AadhaarCandidate
	for _, c := range cands {
		if c.Number.Valid() {
			valid = append(valid, c)
		}
	}
	if len(valid) == 0 {
		// A masked number is valid input: nothing to check, the last 4 are all it holds.
		if m, ok := FindMaskedAadhaar(lines); ok {
			return AadhaarNumberPick{MaskedLast4: m.Last4, Line: m.Line, Certainty: 1 - 0.1*float64(m.Repairs)},
				[]Finding{finding(CodeAadhaarMasked, SevInfo, FieldAadhaar,
					"the card prints a masked Aadhaar number: only its last 4 digits were read")}
		}
	}
	switch {
	case len(valid) == 0 && len(cands) > 0:
		return none, []Finding{finding(CodeAadhaarChecksum, SevError, FieldAadhaar,
			"a 12-digit number was read but it fails the Aadhaar checksum (misread or not an Aadhaar number)")}
	case len(valid) == 0:
		return none, []Finding{finding(CodeAadhaarNotFound, SevError, FieldAadhaar, "no Aadhaar number found")}
	}
	best := valid[0]
	certainty := 1 - 0.1*float64(min(best.Repairs, 5))
	var fs []Finding
	if len(valid) > 1 {
		certainty = 0.3
		fs = append(fs, finding(CodeMultipleAadhaar, SevWarning, FieldAadhaar,
			fmt.Sprintf("%d different valid Aadhaar numbers were read; the choice is uncertain", len(valid))))
	}
	return AadhaarNumberPick{Number: best.Number, Line: best.Line, Certainty: certainty}, fs
}

// aadhaarName is the nearest name-like line above the date-of-birth line (the
// English name sits right above it; a Hindi name may sit above that), or the
// first name-like line when no date was found.
func aadhaarName(lines []string, dobLine int) Extract {
	for i, l := range lines { // "Name: Rahul Sharma", as plainer prints label their values
		if m := nameValueRe.FindStringSubmatch(l); m != nil {
			if s, ok := nameFrom(m[1], titleNames); ok {
				return Extract{Value: s, Line: i, Certainty: 1}
			}
		}
	}
	if dobLine > 0 {
		for i := dobLine - 1; i >= 0 && i >= dobLine-3; i-- {
			if s, ok := nameFrom(lines[i], titleNames); ok {
				return Extract{Value: s, Line: i, Certainty: 1 - 0.1*float64(dobLine-1-i)}
			}
		}
	}
	for i, l := range lines {
		if s, ok := nameFrom(l, titleNames); ok {
			return Extract{Value: s, Line: i, Certainty: 0.5}
		}
	}
	return notFound
}

// yearUnderNameCertainty: a year taken for the year of birth by its place alone.
const yearUnderNameCertainty = 0.6

// yearUnderName is a year alone on the line right under the card's name, where every Aadhaar front prints the
// birth date or year, when no line reads as one: a card that prints its labels small and grey above their
// values ("जन्म वर्ष / YOB" over "1951"), blurred, loses the label to layout analysis and keeps the value.
func yearUnderName(lines []string) (Extract, Date) {
	name := aadhaarName(lines, -1)
	i := name.Line + 1
	if !name.Found() || i >= len(lines) {
		return notFound, Date{}
	}
	m := loneYearRe.FindStringSubmatch(normalizeDigitsIn(lines[i]))
	if m == nil {
		return notFound, Date{}
	}
	y, err := strconv.Atoi(m[1])
	if err != nil || !plausibleYear(y) {
		return notFound, Date{}
	}
	return Extract{Value: fmt.Sprintf("%04d", y), Line: i, Certainty: yearUnderNameCertainty}, Date{Year: y}
}

func looksLikePAN(lines []string) bool {
	for _, l := range lines {
		if panMarkRe.MatchString(l) {
			return true
		}
	}
	valid, _ := FindPANs(lines)
	return len(valid) > 0
}
