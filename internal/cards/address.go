package cards

import (
	"regexp"
	"strings"
	"unicode"
)

// AddressText is the address block of an Aadhaar back.
type AddressText struct {
	CareOf  Extract
	Address Extract
	PIN     Extract
	// PINSuspect is the line where the PIN was cut short or repaired.
	PINSuspect PINSuspect
	Findings   []Finding
}

var (
	// "Address", with the misreads OCR makes of it, or the Hindi label.
	addressLabelRe = regexp.MustCompile(`(?i)\ba?dd?r[e€]ss?\b\s*[:;.]?|पता\s*[:;]?`)
	pinRe          = regexp.MustCompile(`(?:^|[^0-9])([1-9][0-9]{5})(?:[^0-9]|$)`)
	// "S/O: Name," (also D/O, W/O, C/O), possibly after a little OCR debris.
	// A skewed slash reads as I or l ("WIO:", "wi0"); that form must end the
	// word, so an address starting "Cloud ..." is not a relation.
	careOfRe     = regexp.MustCompile(`^\W*(?:\w{1,2}\W+)?(?i)([SDWC5])\s*(?:/\s*[O0]|[Il|]\s*[O0]\b)\s*[:;.]?\s*([^,]+),\s*`)
	spaceCommaRe = regexp.MustCompile(`\s+,`)
	commaRe      = regexp.MustCompile(`,(\S)`)
	endPINRe     = regexp.MustCompile(`[1-9][0-9]{5}$`)
	// "No, 33" is "No. 33" with the dot misread; "No 15B" stays as printed.
	houseNoRe = regexp.MustCompile(`\b(No)\s*[,.]\s*(\d)`)
)

// pinRepairCost lowers a PIN's certainty per digit taken from a lookalike
// ("52004!"): the mark may have been any digit.
const pinRepairCost = 0.3

// pinMisfitCost scales a PIN's and its address's certainty when the PIN does
// not start as the state named before it does (PINFitsState): below the
// reader's key confidence, so that another pass may read it right.
const pinMisfitCost = 0.5

// maxAddressLines bounds how far below the label the PIN is searched.
const maxAddressLines = 8

// ParseAddress takes the text after the "Address" label (same line, then the
// lines below), or from the care-of relation when no label was read, up to and
// including the first 6-digit PIN, joins it with single spaces and splits off a
// leading care-of relation ("S/O: Name,").
func ParseAddress(lines []string) AddressText {
	out := AddressText{CareOf: notFound, Address: notFound, PIN: notFound, PINSuspect: noSuspect}
	start, rest := -1, ""
	for i, l := range lines {
		if loc := addressLabelRe.FindStringIndex(l); loc != nil {
			start, rest = i, l[loc[1]:]
			break
		}
	}
	if start < 0 {
		start, rest = careOfLine(lines)
	}
	if start < 0 {
		out.Findings = append(out.Findings, finding(CodeAddressNotFound, SevError, FieldAddress, "no address block (\"Address\") found"))
		return out
	}
	parts := []string{}
	pinLine, last := -1, start
	careOfDone := false
	for i := start; i < len(lines) && i <= start+maxAddressLines; i++ {
		text := lines[i]
		if i == start {
			text = rest
		}
		text = trimDebris(normalizeDigitsIn(text))
		// A care-of relation ends at its line's end even when OCR lost the comma.
		if !careOfDone && strings.TrimSpace(text) != "" {
			careOfDone = true
			if careOfRe.MatchString(text+",") && !strings.Contains(text, ",") {
				text += ","
			}
		}
		if loc := pinRe.FindStringSubmatchIndex(text); loc != nil {
			parts = append(parts, text[:loc[3]])
			pin := text[loc[2]:loc[3]]
			out.PIN = Extract{Value: pin, Line: i, Certainty: 1}
			if known, repairs := pinPattern(lines[i], pin); repairs > 0 {
				out.PIN.Certainty = max(0.3, 1-pinRepairCost*float64(repairs))
				out.PINSuspect = PINSuspect{Line: i, Known: known}
			}
			pinLine = i
			break
		}
		if hasDigitGroup444(text) || maskedRe.MatchString(text) { // reached the Aadhaar number: the block ended without a PIN
			break
		}
		parts = append(parts, text)
		last = i
	}
	other := false
	if pinLine < 0 {
		out.PINSuspect = cutPIN(lines, start, last)
		if out.PIN, other = otherBlockPIN(lines, start, last, out.PINSuspect.Known); other {
			parts = append(parts, out.PIN.Value) // the block's last line ended with it on the card
		}
	}
	addr := normalizeAddress(strings.Join(parts, " "))
	addr = houseNoRe.ReplaceAllString(addr, "${1}. $2")
	misfit := false
	if fits, named := PINFitsState(addr); pinLine >= 0 && named && !fits {
		misfit = true
		out.PIN.Certainty *= pinMisfitCost
		if !out.PINSuspect.Found() {
			out.PINSuspect = PINSuspect{Line: pinLine, Known: "??????"}
		}
		out.Findings = append(out.Findings, PINMisfit())
	}
	if m := careOfRe.FindStringSubmatch(addr); m != nil {
		// The relation line is consumed either way; a name that cleans up to nothing is not found.
		if name := cleanNameLine(m[2]); name != "" {
			out.CareOf = Extract{Value: name, Line: start, Certainty: 1}
		}
		addr = addr[len(m[0]):]
	}
	if addr == "" {
		out.Findings = append(out.Findings, finding(CodeAddressNotFound, SevError, FieldAddress, "the address block is empty"))
		return out
	}
	certainty := 1.0
	switch {
	case misfit:
		certainty = pinMisfitCost
	case other:
		certainty = otherPINCertainty
		out.Findings = append(out.Findings, finding(CodePINOtherBlock, SevWarning, FieldAddress,
			"the English address block was read without its PIN; the PIN was taken from the card's other-language address block"))
	case pinLine < 0:
		certainty = 0.3
		out.Findings = append(out.Findings, finding(CodeAddressPINNotFound, SevWarning, FieldAddress,
			"the address has no 6-digit PIN code; it may be incomplete"))
	}
	out.Address = Extract{Value: addr, Line: start, Certainty: certainty}
	return out
}

// careOfLine finds an address block whose label was not read (blurred, or
// printed only in Hindi) by its first line: Aadhaar opens the address with the
// holder's relation ("D/O: Gopal Kumar Shetty, Flat 510, ..."), which no other
// line of the card starts with; the relation's name starts with a letter
// (a date "5/01/2020" is no "S/O"). It returns -1 when no line does.
func careOfLine(lines []string) (int, string) {
	for i, l := range lines {
		m := careOfRe.FindStringSubmatch(trimDebris(l) + ",")
		if m != nil && strings.IndexFunc(m[2], unicode.IsLetter) == 0 {
			return i, l
		}
	}
	return -1, ""
}

// trimDebris drops short lower-case tokens at the ends of a line, which OCR
// makes of a photo's background beside the card ("le House No. 12,"); an
// address line starts with a capital or a digit.
func trimDebris(line string) string {
	f := strings.Fields(line)
	debris := func(t string) bool {
		if len(t) > 2 {
			return false
		}
		for _, r := range t {
			if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				return false
			}
		}
		return true
	}
	for len(f) > 1 && debris(f[0]) {
		f = f[1:]
	}
	for len(f) > 1 && debris(f[len(f)-1]) && strings.HasSuffix(f[len(f)-2], ",") {
		f = f[:len(f)-1]
	}
	return strings.Join(f, " ")
}

// normalizeAddress collapses whitespace, fixes spaces around commas and
// writes the PIN as "State - 560001" (the dash is often lost by OCR).
func normalizeAddress(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = spaceCommaRe.ReplaceAllString(s, ",")
	s = commaRe.ReplaceAllString(s, ", $1")
	s = strings.Trim(s, " ,;:")
	pin := endPINRe.FindString(s)
	if pin == "" {
		return s
	}
	head := strings.TrimRight(s[:len(s)-len(pin)], " -–—~")
	switch {
	case head == "":
		return pin
	case strings.HasSuffix(head, ","):
		return head + " " + pin
	}
	return head + " - " + pin
}

// hasDigitGroup444 reports a 12-digit run, the Aadhaar number under the address.
func hasDigitGroup444(line string) bool {
	for _, r := range digitRuns(line) {
		if len(r.digits) >= 12 {
			return true
		}
	}
	return false
}
