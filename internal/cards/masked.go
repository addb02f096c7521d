package cards

import (
	"regexp"
	"strings"
)

// maskedRe finds a masked Aadhaar number as UIDAI prints it for sharing:
// eight masking characters in two groups of four (Tesseract reads the X as
// X, x, × or K, and may drop the space), then the last four digits (or
// letters read for digits, repaired by FindMaskedAadhaar). A group may come
// out one character short or long: on photographed cards an X is read twice
// ("XXXXK", an X and its echo) or lost in glare. The groups may be joined by
// hyphens, as UIDAI's own description of the masked e-Aadhaar writes it
// ("xxxx-xxxx-1234"; Tesseract may read a hyphen as "=").
var maskedRe = regexp.MustCompile(`(?:^|[^\pL\pN])[XxK×*]{3,5}[\s\-‐–—.=]{0,3}[XxK×*]{3,5}[\s\-‐–—.=]{0,3}([0-9OoDQIl|SsBZzGbgq]{4})(?:[^\pL\pN]|$)`)

// maskedSplitRe is maskedRe with its last four read as two pieces a space apart ("XXXX-XXXX-051 1": Tesseract
// took the wide left bearing of a sans-serif 1 for a word space). Only four characters in all count: a
// masked number has nothing after its last four.
var maskedSplitRe = regexp.MustCompile(`(?:^|[^\pL\pN])[XxK×*]{3,5}[\s\-‐–—.=]{0,3}[XxK×*]{3,5}[\s\-‐–—.=]{0,3}([0-9OoDQIl|SsBZzGbgq]{1,3}) ([0-9OoDQIl|SsBZzGbgq]{1,3})(?:[^\pL\pN]|$)`)

// MaskedCandidate is a masked Aadhaar number found in the lines.
type MaskedCandidate struct {
	Last4   string
	Line    int
	Repairs int
}

// FindMaskedAadhaar returns the first "XXXX XXXX 1234" in lines whose last
// four characters are digits (three of four at least real digits); when no
// line holds a whole last four, the first read in two pieces (maskedSplitRe),
// one repair less sure. Lines naming the VID are skipped, as in FindAadhaar.
func FindMaskedAadhaar(lines []string) (MaskedCandidate, bool) {
	for penalty, re := range []*regexp.Regexp{maskedRe, maskedSplitRe} {
		for li, line := range lines {
			if containsWord(line, "VID") {
				continue
			}
			for _, m := range re.FindAllStringSubmatch(line, -1) {
				if d, rep, ok := repairDigits(strings.Join(m[1:], "")); ok && len(d) == 4 && rep <= 1 {
					return MaskedCandidate{Last4: d, Line: li, Repairs: rep + penalty}, true
				}
			}
		}
	}
	return MaskedCandidate{}, false
}

// MaskedNumber is the stored form of a masked number's last four digits.
func MaskedNumber(last4 string) string { return "XXXX XXXX " + last4 }
