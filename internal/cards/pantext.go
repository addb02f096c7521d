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
	panHeaderRe = regexp.MustCompile(`(?i)income|department|govt`)
	// "Father's Name", also with the middle of "Father's" lost under glare
	// ("Fat s Name"): a word opening in "Fa" before "Name" is that label, and
	// the holder's "Name" label is never so preceded.
	fatherLabelRe = regexp.MustCompile(`(?i)father|पिता|\bfa[a-z]{0,6}['’]?\s*s?\s+name\b`)
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
	out.Name, out.FatherName = panNames(lines, out.Number.Line, out.DOB.Line)
	if !out.FatherName.Found() && out.Name.Found() && out.Number.Found() && !hasInitial(out.Name.Value, out.Number.Value[4]) {
		// One name line read of two, and the PAN's fifth letter (the holder's surname's initial) is the
		// initial of none of its words: it may be the father's, the holder's line lost to glare.
		out.Name.Certainty = min(out.Name.Certainty, loneNameCertainty)
	}
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

// loneNameCertainty is a lone name's certainty when the PAN's fifth letter is
// no initial of it: below the reader's key confidence, so that another pass may
// read both name lines.
const loneNameCertainty = 0.5

// hasInitial reports whether a word of name starts with letter.
func hasInitial(name string, letter byte) bool {
	for _, w := range strings.Fields(strings.ToUpper(name)) {
		if w[0] == letter {
			return true
		}
	}
	return false
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
// them (newer layout). Otherwise (older layout, or labels lost by OCR) the
// lines between the header and the date of birth that hold words are slots:
// the first is the name, the second the father's name. A slot that is not a
// readable name stays empty rather than letting the next line take its place
// (that would return the father's name as the holder's).
//
// The holder's "Name" label comes first on every labelled card, so a lone
// "Name" is the holder's only while no father's label and no name line come
// before it: after the father's label it is the rest of that label wrapped
// onto its own line, and under a name already printed it is the father's
// label whose first word glare has wiped (with the holder's own label).
func panNames(lines []string, numberLine, dobLine int) (name, father Extract) {
	name, father = notFound, notFound
	fatherLabel := -1
	floor := numberLine + 1 // the holder's name is printed under the header and the number
	for i, l := range lines {
		if panHeaderRe.MatchString(l) {
			floor = max(floor, i+1)
		}
		switch {
		case fatherLabelRe.MatchString(l) && fatherLabel < 0:
			fatherLabel = i
			father = nameAfter(lines, i, upperNames)
		case nameLabelRe.MatchString(l) && fatherLabel >= 0:
			if fatherLabel == i-1 && !father.Found() {
				father = nameAfter(lines, i, upperNames) // the father's label wrapped in two lines
			}
		case nameLabelRe.MatchString(l) && !name.Found():
			if beside, ok := nameOnLabel(lines, i, upperNames); ok {
				name = beside
				continue
			}
			if above, ok := nameAbove(lines, i, floor); ok {
				name, fatherLabel = above, i
				father = nameAfter(lines, i, upperNames)
				continue
			}
			name = nameAfter(lines, i, upperNames)
		}
	}
	if !name.Found() && fatherLabel >= 0 {
		// The holder's name is printed right above the father's label: the line
		// there, when it is a name, even if its own label was not read.
		if above, ok := nameAbove(lines, fatherLabel, floor); ok {
			name = above
		}
	}
	if name.Found() && father.Found() && name.Line != father.Line {
		return name, father
	}
	start := 0
	for i, l := range lines {
		if dobLine >= 0 && i >= dobLine {
			break
		}
		if panHeaderRe.MatchString(l) {
			start = i + 1
		}
	}
	end := len(lines)
	if dobLine >= start {
		end = dobLine
	}
	if fatherLabel >= start && fatherLabel < end {
		end = fatherLabel // the holder's name comes before the father's label
	}
	var slots []int
	for i := start; i < end; i++ {
		if i != father.Line && isSlot(lines[i]) {
			slots = append(slots, i)
		}
	}
	if dobLine >= 0 && end == dobLine && len(slots) > 2 {
		// The father's name is printed right above the date and the holder's above that; lines further up
		// are the header read past recognition (white on a coloured band, under glare).
		slots = slots[len(slots)-2:]
	}
	slotName := func(k int) Extract {
		if k >= len(slots) {
			return notFound
		}
		if s, ok := nameFrom(lines[slots[k]], upperNames); ok {
			return Extract{Value: s, Line: slots[k], Certainty: 0.9}
		}
		return notFound
	}
	if !name.Found() {
		name = slotName(0)
	}
	if !father.Found() && fatherLabel < 0 {
		father = slotName(1)
	}
	return name, father
}

// nameAbove returns the name on the nearest line above label i (debris with
// too few letters skipped, none above floor) when that line is a readable name
// of five letters or more.
func nameAbove(lines []string, label, floor int) (Extract, bool) {
	for j := label - 1; j >= floor && j >= label-2; j-- {
		if letterCount(lines[j]) < 3 {
			continue
		}
		if _, pan := SuspectPAN(lines[j]); pan || !isSlot(lines[j]) {
			break // the number above the holder's label, its digits read as letters ("TAHPAOOOSI")
		}
		// Five letters at least: the label's Devanagari half on a line of its own reads as a short
		// capital word ("ATH"), never as a name this long.
		if s, ok := nameFrom(lines[j], upperNames); ok && letterCount(s) >= 5 {
			return Extract{Value: s, Line: j, Certainty: 0.9}, true
		}
		break
	}
	return notFound, false
}

// isSlot: a line that can hold a name or a misread one: some letters, half of
// them capitals at least (a PAN prints names in capitals; a line mostly in
// small letters is a label misread past recognition, "erent mart Bree" for
// "Permanent Account Number" under blur), fewer than four digits (the number
// and dates have more), no card vocabulary.
func isSlot(line string) bool {
	digits, upper := 0, 0
	for _, r := range line {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'A' && r <= 'Z':
			upper++
		}
	}
	letters := letterCount(line)
	if letters < 3 || 2*upper < letters || digits >= 4 || labelLineRe.MatchString(line) {
		return false
	}
	for _, t := range alnumTokens(line) {
		if IsCardWord(t) {
			return false
		}
	}
	return true
}

// letterCount counts ASCII letters, the script names are printed in.
func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			n++
		}
	}
	return n
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
