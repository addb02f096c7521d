package cards

import (
	"regexp"
	"strings"
)

// twelveDigits: 12 digits printed 4-4-4 (spaces, hyphens or dots between groups) or run together, not part of
// a longer number. The neighbours are matched (Go's regexp has no look-around) and kept by MaskNumbersIn.
var twelveDigits = regexp.MustCompile(`(^|[^0-9])([0-9]{4}[ .\-]{0,2}[0-9]{4}[ .\-]{0,2}[0-9]{4})([^0-9]|$)`)

// MaskNumbersIn masks every Verhoeff-valid 12-digit number in free text (an address line, a name misread from
// the wrong line, an OCR transcript) as "XXXX XXXX 1234", so that a full Aadhaar number that lands in a field
// where it does not belong is never stored. Other digits (PIN codes, phone numbers, invalid 12-digit runs) are
// left as they are.
func MaskNumbersIn(s string) string {
	if len(s) < 12 {
		return s
	}
	var b strings.Builder
	last := 0
	for start := 0; start < len(s); {
		m := twelveDigits.FindStringSubmatchIndex(s[start:])
		if m == nil {
			break
		}
		numStart, numEnd := start+m[4], start+m[5]
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s[numStart:numEnd])
		if n, ok := NewAadhaarNumber(digits); ok && VerhoeffValid(digits) {
			b.WriteString(s[last:numStart])
			b.WriteString(n.Masked())
			last = numEnd
		}
		start = numEnd // the next number may begin right after this one's trailing neighbour
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
