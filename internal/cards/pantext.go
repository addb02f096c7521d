package cards

import (
	"fmt"
	"regexp"
	"strings"
)

// PANText is what the PAN parser found in a card's lines.
type PANText struct {
	Number     Extract // the PAN, repaired by position
	Name       Extract
	FatherName Extract
	DOB        Extract // ISO date
	Findings   []Finding
}

var (
	panHeaderRe   = regexp.MustCompile(`(?i)income|department|govt|permanent`)
	fatherLabelRe = regexp.MustCompile(`(?i)father|पिता`)
	nameLabelRe   = regexp.MustCompile(`(?i)(^|[^a-z])name\b|नाम`)
	aadhaarMarkRe = regexp.MustCompile(`(?i)unique\s*identification|aadhaa?r|government\s*of\s*india|\bdob\b|\b(fe)?male\b`)
)

// ParsePAN extracts the PAN fields from OCR lines of a PAN card, either
// layout: labelled ("Name", "Father's Name", "Date of Birth") or the older
// unlabelled one (name, father's name, date in that order under the header).
func ParsePAN(lines []string) PANText {
	var out PANText
	out.Number, out.Findings = pickPAN(lines)
	var dob Date
	out.DOB, dob = FindDOB(lines)
	if dob.IsZero() {
		out.Findings = append(out.Findings, finding(CodeDOBNotFound, SevError, FieldDOB, "no date of birth found on the PAN card"))
	}
	out.Name, out.FatherName = panNames(lines, out.DOB.Line)
	if !out.Name.Found() {
		out.Findings = append(out.Findings, finding(CodeNameNotFound, SevError, FieldName, "no name found on the PAN card"))
	}
	if !out.FatherName.Found() {
		out.Findings = append(out.Findings, finding(CodeFatherNameNotFound, SevWarning, FieldFatherName, "no father's name found on the PAN card"))
	}
	if !out.Number.Found() && looksLikeAadhaar(lines) {
		out.Findings = append(out.Findings, finding(CodeWrongDocType, SevError, FieldDocument, "this looks like an Aadhaar card, not a PAN card"))
		distrust(&out.Name, &out.DOB, &out.FatherName)
	}
	return out
}

func pickPAN(lines []string) (Extract, []Finding) {
	valid, invalid := FindPANs(lines)
	switch {
	case len(valid) == 0 && len(invalid) > 0:
		return notFound, []Finding{finding(CodePANInvalid, SevError, FieldPAN,
			"a PAN-like value was read but it is not a valid PAN (5 letters, 4 digits, 1 letter)")}
	case len(valid) == 0:
		return notFound, []Finding{finding(CodePANNotFound, SevError, FieldPAN, "no PAN number found")}
	}
	best := valid[0]
	for _, c := range valid[1:] {
		if c.Repairs < best.Repairs {
			best = c
		}
	}
	var fs []Finding
	certainty := 1 - 0.1*float64(best.Repairs)
	if len(valid) > 1 {
		certainty = 0.3
		vals := make([]string, len(valid))
		for i, c := range valid {
			vals[i] = c.Value
		}
		fs = append(fs, finding(CodeMultiplePAN, SevWarning, FieldPAN,
			fmt.Sprintf("%d different PAN-like values were read (%s); the choice is uncertain", len(valid), strings.Join(vals, ", "))))
	}
	if best.Repairs > 0 {
		fs = append(fs, finding(CodePANRepaired, SevInfo, FieldPAN,
			fmt.Sprintf("%d character(s) corrected by position (read %q)", best.Repairs, best.Raw)))
	}
	if best.Value[3] != 'P' {
		fs = append(fs, finding(CodePANNotIndividual, SevWarning, FieldPAN,
			"the PAN belongs to a "+HolderTypes[best.Value[3]]+", not an individual"))
	}
	return Extract{Value: best.Value, Line: best.Line, Certainty: certainty}, fs
}

// panNames finds name and father's name: by their labels when the card has
// them, otherwise as the first two capitalised name lines after the header
// and before the date of birth.
func panNames(lines []string, dobLine int) (name, father Extract) {
	name, father = notFound, notFound
	for i, l := range lines {
		switch {
		case fatherLabelRe.MatchString(l) && !father.Found():
			father = nameAfter(lines, i, upperNames)
		case nameLabelRe.MatchString(l) && !name.Found():
			name = nameAfter(lines, i, upperNames)
		}
	}
	if name.Found() && father.Found() && name.Line != father.Line {
		return name, father
	}
	start := 0
	for i, l := range lines {
		if panHeaderRe.MatchString(l) && !strings.Contains(strings.ToLower(l), "permanent") {
			start = i + 1
		}
		if dobLine >= 0 && i >= dobLine {
			break
		}
	}
	end := len(lines)
	if dobLine >= start {
		end = dobLine
	}
	var found []Extract
	for i := start; i < end; i++ {
		if s := cleanNameLine(lines[i]); isNameLine(s, upperNames) {
			found = append(found, Extract{Value: s, Line: i, Certainty: 0.9})
		}
	}
	if !name.Found() && len(found) > 0 {
		name = found[0]
		found = found[1:]
	}
	if !father.Found() {
		for _, f := range found {
			if f.Line > name.Line {
				father = f
				break
			}
		}
	}
	return name, father
}

func looksLikeAadhaar(lines []string) bool {
	hits := 0
	for _, l := range lines {
		if aadhaarMarkRe.MatchString(l) {
			hits++
		}
	}
	return hits >= 2
}
