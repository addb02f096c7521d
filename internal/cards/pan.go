package cards

import (
	"regexp"
	"strings"
)

// PAN structure: five letters, four digits, one letter. The fourth letter is
// the holder type; the fifth is the initial of the surname (individuals) or of
// the name (others); the last is a check letter whose algorithm is not public.

// HolderTypes maps the 4th PAN character to the kind of holder.
var HolderTypes = map[byte]string{
	'P': "individual", 'C': "company", 'H': "Hindu undivided family", 'F': "firm",
	'A': "association of persons", 'T': "trust", 'B': "body of individuals",
	'L': "local authority", 'J': "artificial juridical person", 'G': "government",
}

// ValidPAN reports whether s is a structurally valid PAN (any holder type).
func ValidPAN(s string) bool {
	if len(s) != 10 {
		return false
	}
	for i := range 10 {
		c := s[i]
		if panDigitPos(i) {
			if c < '0' || c > '9' {
				return false
			}
		} else if c < 'A' || c > 'Z' {
			return false
		}
	}
	_, ok := HolderTypes[s[3]]
	return ok
}

func panDigitPos(i int) bool { return i >= 5 && i <= 8 }

// OCR confusions, by the kind of character a position needs.
var (
	digitAsLetter = map[byte]byte{'0': 'O', '1': 'I', '2': 'Z', '4': 'A', '5': 'S', '6': 'G', '7': 'T', '8': 'B'}
	letterAsDigit = map[byte]byte{
		'O': '0', 'D': '0', 'Q': '0', 'U': '0', 'I': '1', 'L': '1', 'J': '1', 'T': '7',
		'Z': '2', 'S': '5', 'G': '6', 'B': '8', 'A': '4',
	}
)

// maxPANRepairs bounds position-based repair: beyond it a token is more
// likely a word than a misread PAN.
const maxPANRepairs = 3

// RepairPAN fixes OCR confusions by position in a 10-character candidate
// (letters where digits belong and the reverse). It returns the repaired
// value, the number of characters changed and whether the result is a valid
// PAN. Tokens with fewer than two real digits in positions 6-9 are refused:
// they are words, not PANs.
func RepairPAN(raw string) (value string, repairs int, ok bool) {
	return repairPAN(raw, 2, maxPANRepairs, letterAsDigit)
}

// Under its label ("Permanent Account Number") a PAN whose digits all came
// out as letters ("OO1O" for 0010 in bold print) is repaired too, but only
// from letters that have the digit's very shape (O/D/Q/U for 0, I/L/J for 1):
// "TAHPAOOOSI" was TAHPA0008I, and turning S into 5 would have returned a
// wrong number rather than none.
const (
	labelledMinDigits  = 0
	labelledMaxRepairs = 4
)

// panUpper upper-cases a PAN token. A PAN prints capitals and digits only,
// so Tesseract's small l is the capital I (one stroke in sans-serif print),
// not an L: "GQKPS2729l" is GQKPS2729I.
func panUpper(s string) string { return strings.ToUpper(strings.ReplaceAll(s, "l", "I")) }

var letterAsSameDigit = map[byte]byte{'O': '0', 'D': '0', 'Q': '0', 'U': '0', 'I': '1', 'L': '1', 'J': '1'}

func repairPAN(raw string, minDigits, maxRepairs int, asDigit map[byte]byte) (value string, repairs int, ok bool) {
	s := panUpper(raw)
	if len(s) != 10 {
		return "", 0, false
	}
	digits := 0
	for i := 5; i <= 8; i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		}
	}
	if digits < minDigits {
		return "", 0, false
	}
	b := []byte(s)
	for i, c := range b {
		var fixed byte
		switch {
		case panDigitPos(i) && (c < '0' || c > '9'):
			fixed = asDigit[c]
		case !panDigitPos(i) && (c < 'A' || c > 'Z'):
			fixed = digitAsLetter[c]
		default:
			continue
		}
		if fixed == 0 {
			return "", 0, false
		}
		b[i] = fixed
		repairs++
	}
	v := string(b)
	if repairs > maxRepairs || !ValidPAN(v) {
		return "", repairs, false
	}
	return v, repairs, true
}

// PANCandidate is a PAN found in the lines.
type PANCandidate struct {
	Value   string
	Raw     string // as read, before repair
	Line    int
	Repairs int
}

// FindPANs returns the valid PANs in lines (deduplicated, fewest repairs
// kept, in reading order) and the PAN-shaped tokens that failed validation.
// Tokens split by OCR ("ABCDE 1234F") are joined back, up to three pieces,
// and a character doubled by OCR is dropped (see dropDoubledChar).
func FindPANs(lines []string) (valid []PANCandidate, invalid []string) {
	seen := map[string]int{}
	for li, line := range lines {
		labelled := panLabelRe.MatchString(line) || (li > 0 && panLabelRe.MatchString(lines[li-1]))
		toks := alnumTokens(SymbolsAsLetters(line))
		for i := range toks {
			joined := ""
			for j := i; j < len(toks) && j < i+3; j++ {
				joined += toks[j]
				if len(joined) > 11 {
					break
				}
				cand, dropped := joined, false
				if len(joined) == 11 {
					cand = dropDoubledChar(joined)
					dropped = len(cand) == 10
				}
				if len(cand) != 10 {
					continue
				}
				v, rep, ok := RepairPAN(cand)
				if !ok && labelled && j == i {
					v, rep, ok = repairPAN(cand, labelledMinDigits, labelledMaxRepairs, letterAsSameDigit)
				}
				if !ok {
					if j == i && (panShaped(cand) || labelled) {
						invalid = append(invalid, cand)
					}
					continue
				}
				if dropped {
					rep++
				}
				if k, dup := seen[v]; dup {
					if rep < valid[k].Repairs {
						valid[k] = PANCandidate{Value: v, Raw: joined, Line: li, Repairs: rep}
					}
					continue
				}
				seen[v] = len(valid)
				valid = append(valid, PANCandidate{Value: v, Raw: joined, Line: li, Repairs: rep})
			}
		}
	}
	return valid, invalid
}

// panShaped: ten characters, mostly letters then mostly digits, the shape a
// PAN printed on a card has even when misread beyond repair.
func panShaped(s string) bool {
	letters, digits := 0, 0
	for i := range 10 {
		c := s[i]
		isDigit := c >= '0' && c <= '9'
		if panDigitPos(i) && isDigit {
			digits++
		}
		if !panDigitPos(i) && !isDigit {
			letters++
		}
	}
	return letters >= 4 && digits >= 2
}

// panLabelRe finds the label printed above (or before) the number.
var panLabelRe = regexp.MustCompile(`(?i)permanent\s*account|account\s*number`)

// alnumTokens splits a line on everything that is not an ASCII letter or digit.
func alnumTokens(line string) []string {
	return strings.FieldsFunc(line, func(r rune) bool {
		return (r < '0' || r > '9') && (r < 'A' || r > 'Z') && (r < 'a' || r > 'z')
	})
}
