package cards

import "fmt"

// CrossInput holds the values read from the three cards that the checks
// compare. Empty strings mean "not read"; dates are ISO (YYYY-MM-DD or YYYY).
type CrossInput struct {
	PANName       string
	PANFatherName string
	PANDOB        string
	AadhaarName   string
	AadhaarDOB    string
	AadhaarCareOf string        // the S/O or D/O name on the back
	AadhaarFront  AadhaarNumber // zero when not read
	AadhaarBack   AadhaarNumber
}

// CrossCheck compares the cards with each other. It reports only what it can
// compare: a value missing on one side is the extraction's finding, not a
// mismatch.
func CrossCheck(in CrossInput) []Finding {
	var fs []Finding
	if in.PANName != "" && in.AadhaarName != "" {
		switch c := CompareNames(in.PANName, in.AadhaarName); c.Verdict {
		case NamesMismatch:
			fs = append(fs, finding(CodeNameMismatch, SevError, FieldName,
				fmt.Sprintf("the PAN name %q does not match the Aadhaar name %q", in.PANName, in.AadhaarName)))
		case NamesPartial:
			fs = append(fs, finding(CodeNamePartial, SevWarning, FieldName,
				fmt.Sprintf("the PAN name %q matches the Aadhaar name %q only partly (initials or a missing word)", in.PANName, in.AadhaarName)))
		}
	}
	if f, ok := compareDOB(in.PANDOB, in.AadhaarDOB); ok {
		fs = append(fs, f)
	}
	if in.PANFatherName != "" && in.AadhaarCareOf != "" && CompareNames(in.PANFatherName, in.AadhaarCareOf).Verdict == NamesMismatch {
		fs = append(fs, finding(CodeFatherNameMismatch, SevWarning, FieldFatherName,
			fmt.Sprintf("the PAN father's name %q differs from the Aadhaar care-of name %q (it may be a husband or guardian)", in.PANFatherName, in.AadhaarCareOf)))
	}
	if !in.AadhaarFront.IsZero() && !in.AadhaarBack.IsZero() && !in.AadhaarFront.Equal(in.AadhaarBack) {
		fs = append(fs, finding(CodeAadhaarFrontBackDiff, SevError, FieldAadhaar,
			fmt.Sprintf("the Aadhaar front (%s) and back (%s) carry different numbers", in.AadhaarFront.Masked(), in.AadhaarBack.Masked())))
	}
	return fs
}

// compareDOB returns a mismatch finding, or an info finding when only the
// years could be compared; ok is false when there is nothing to report.
func compareDOB(panISO, aadhaarISO string) (Finding, bool) {
	p, okP := ParseISODate(panISO)
	a, okA := ParseISODate(aadhaarISO)
	if !okP || !okA {
		return Finding{}, false
	}
	if p.YearOnly() || a.YearOnly() {
		if p.Year != a.Year {
			return finding(CodeDOBMismatch, SevError, FieldDOB,
				fmt.Sprintf("the years of birth differ: PAN %d, Aadhaar %d", p.Year, a.Year)), true
		}
		return finding(CodeDOBYearOnly, SevInfo, FieldDOB, "only the year of birth could be compared; it matches"), true
	}
	if p != a {
		return finding(CodeDOBMismatch, SevError, FieldDOB,
			fmt.Sprintf("the dates of birth differ: PAN %s, Aadhaar %s", p.ISO(), a.ISO())), true
	}
	return Finding{}, false
}
