package aadhaarqr

import (
	"github.com/enxtai/kyc/internal/cards"
)

// Claims are values read elsewhere (the card's OCR, the PAN) to compare with
// a Secure QR. Empty means "not read": nothing is compared.
type Claims struct {
	Source string // e.g. "aadhaar_ocr", "pan": copied into each Discrepancy
	Name   string
	// DOB is YYYY-MM-DD, or YYYY when only the year was printed.
	DOB          string
	AadhaarLast4 string
}

// Field names of a Discrepancy.
const (
	FieldName         = "name"
	FieldDOB          = "dob"
	FieldAadhaarLast4 = "aadhaar_last4"
)

// Discrepancy is one value on which the QR and another source disagree.
// Partial is set for names that match only in part (initials, a missing
// word): worth a reviewer's look, not proof of another person.
type Discrepancy struct {
	Field, Source string
	QR, Other     string
	Partial       bool
}

// CrossCheck compares a QR's values with each source's. It is pure: the
// caller decides what a discrepancy means (a review reason when the QR is
// VALID; nothing, when the QR itself is not trusted). Names use the card
// reader's comparison rules (internal/cards), so OCR slips tolerated there
// are tolerated here.
func CrossCheck(p *Payload, sources ...Claims) []Discrepancy {
	if p == nil {
		return nil
	}
	var out []Discrepancy
	for _, c := range sources {
		if c.Name != "" && p.Name != "" {
			switch cards.CompareNames(p.Name, c.Name).Verdict {
			case cards.NamesMismatch:
				out = append(out, Discrepancy{Field: FieldName, Source: c.Source, QR: p.Name, Other: c.Name})
			case cards.NamesPartial:
				out = append(out, Discrepancy{Field: FieldName, Source: c.Source, QR: p.Name, Other: c.Name, Partial: true})
			}
		}
		if c.DOB != "" && p.DOB != "" && !sameDOB(p.DOB, c.DOB) {
			out = append(out, Discrepancy{Field: FieldDOB, Source: c.Source, QR: p.DOB, Other: c.DOB})
		}
		if c.AadhaarLast4 != "" && p.AadhaarLast4 != "" && c.AadhaarLast4 != p.AadhaarLast4 {
			out = append(out, Discrepancy{Field: FieldAadhaarLast4, Source: c.Source, QR: p.AadhaarLast4, Other: c.AadhaarLast4})
		}
	}
	return out
}

// sameDOB compares full dates exactly, and only the year when one side
// has only a year (older cards print "Year of Birth").
func sameDOB(qr, other string) bool {
	a, okA := cards.ParseISODate(qr)
	b, okB := cards.ParseISODate(other)
	if !okA || !okB {
		return qr == other
	}
	if a.YearOnly() || b.YearOnly() {
		return a.Year == b.Year
	}
	return a == b
}
