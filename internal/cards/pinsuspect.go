package cards

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A PIN is the last line of a long address block in small print: on a
// photographed card the weakest text of the card, under a shadow band or
// glare. OCR then cuts it short ("West Bengal - 7110") or takes a mark for a
// digit ("52004!" read as 520041, which passes every check a PIN has). The
// parser says where that happened, and what of the PIN is known, so that the
// reader can read that one line again on its own (see reader's PIN re-read).

// PINSuspect is the address line whose PIN was read uncertainly.
type PINSuspect struct {
	// Line indexes the lines given to the parser; -1 when the PIN was read
	// cleanly or no line is to blame.
	Line int
	// Known is what the PIN must agree with: a prefix of it, with '?' where
	// a digit was repaired from a lookalike ("52004?"; "7110" when cut short).
	Known string
}

// Found reports whether a line is suspect.
func (s PINSuspect) Found() bool { return s.Line >= 0 }

var noSuspect = PINSuspect{Line: -1}

// cutPINRe: a block line that ends in a dash or a word and then at most five
// digits, with no comma after: where the PIN stood, cut short.
var cutPINRe = regexp.MustCompile(`(?:[-–—]\s*|[A-Za-z]\s+)([0-9]{0,5})[.°'"!|]?$`)

// markedPINRe: a block line that ends in a dash or a word and then six
// characters, five of them digits (lookalikes already made digits) and one a
// mark no lookalike explains ("Pincode - £34001", a blurred 8): the PIN, one
// digit unknown.
var markedPINRe = regexp.MustCompile(`(?:[-–—]\s*|[A-Za-z]\s+)([0-9]{0,5}[^0-9\s,][0-9]{0,5})\.?$`)

// pinPattern is pin as rawLine printed it: '?' at positions where the digit
// came from a lookalike. It returns pin unchanged when the token is not found.
func pinPattern(rawLine, pin string) (string, int) {
	fields := strings.Fields(rawLine)
	for i := len(fields) - 1; i >= 0; i-- {
		f := fields[i]
		nf := normalizeDigitsIn(f)
		k := strings.Index(nf, pin)
		if k < 0 || len(nf) != len(f) {
			continue
		}
		b, repairs := []byte(pin), 0
		for j := range pin {
			if c := f[k+j]; c < '0' || c > '9' {
				b[j], repairs = '?', repairs+1
			}
		}
		return string(b), repairs
	}
	return pin, 0
}

// cutPIN looks for the block line that ends where a PIN was cut short. An
// Aadhaar address always ends in its PIN, so a block whose last line ends in a
// word, without the comma that continues an address, lost the whole PIN, often
// with the end of the state's name ("Nagpur, Mahare" for "Nagpur, Maharashtra
// - 440037" under glare): that line is suspect with nothing known.
func cutPIN(lines []string, from, to int) PINSuspect {
	for i := min(to, len(lines)-1); i >= from; i-- {
		t := strings.TrimSpace(normalizeDigitsIn(lines[i]))
		if m := cutPINRe.FindStringSubmatch(t); m != nil && !strings.HasSuffix(t, ",") {
			return PINSuspect{Line: i, Known: m[1]}
		}
		if m := markedPINRe.FindStringSubmatch(t); m != nil && utf8.RuneCountInString(m[1]) == 6 {
			return PINSuspect{Line: i, Known: strings.Map(unknownDigit, m[1])}
		}
		if i == to && endsInWord(t) {
			return PINSuspect{Line: i, Known: ""}
		}
	}
	return noSuspect
}

// unknownDigit keeps a digit and makes any other mark '?'.
func unknownDigit(r rune) rune {
	if r >= '0' && r <= '9' {
		return r
	}
	return '?'
}

// endsInWord: t's last character is a letter.
func endsInWord(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(t)
	return unicode.IsLetter(r)
}

// PINAgrees reports whether pin, a 6-digit PIN read again, agrees with what
// was known of it.
func PINAgrees(known, pin string) bool {
	if !pinRe.MatchString(pin) || len(pin) != 6 || len(known) > len(pin) {
		return false
	}
	for i := range len(known) {
		if known[i] != '?' && known[i] != pin[i] {
			return false
		}
	}
	return true
}
