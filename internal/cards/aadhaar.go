package cards

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log/slog"
)

// AadhaarNumber holds a full 12-digit Aadhaar number in memory only. Every way
// of printing it (fmt verbs, JSON, text, slog) yields the masked form, and the
// digits sit behind a pointer so that even fmt's printing of an enclosing
// struct's unexported field shows an address, not the number. The zero value
// means "no number".
type AadhaarNumber struct {
	digits *[12]byte
}

// NewAadhaarNumber wraps exactly 12 ASCII digits (spaces not allowed); it does
// not check the checksum (see Valid).
func NewAadhaarNumber(digits string) (AadhaarNumber, bool) {
	if len(digits) != 12 {
		return AadhaarNumber{}, false
	}
	var d [12]byte
	for i := range 12 {
		if digits[i] < '0' || digits[i] > '9' {
			return AadhaarNumber{}, false
		}
		d[i] = digits[i]
	}
	return AadhaarNumber{digits: &d}, true
}

// IsZero reports whether no number is held.
func (a AadhaarNumber) IsZero() bool { return a.digits == nil }

// Valid reports whether the number can be a real Aadhaar: first digit 2-9
// (0 and 1 are never issued) and a correct Verhoeff check digit.
func (a AadhaarNumber) Valid() bool {
	if a.digits == nil || a.digits[0] < '2' {
		return false
	}
	return VerhoeffValid(string(a.digits[:]))
}

// Last4 is the only part of the number the platform returns in clear.
func (a AadhaarNumber) Last4() string {
	if a.digits == nil {
		return ""
	}
	return string(a.digits[8:])
}

// Masked is the stored and displayed form, "XXXX XXXX 1234"; "" for none.
func (a AadhaarNumber) Masked() string {
	if a.digits == nil {
		return ""
	}
	return "XXXX XXXX " + a.Last4()
}

// KeyedHash is hex HMAC-SHA256 of the 12 digits under key, for detecting the
// same number across sessions without storing it. An empty key (hashing
// disabled) or no number gives "".
func (a AadhaarNumber) KeyedHash(key []byte) string {
	if a.digits == nil || len(key) == 0 {
		return ""
	}
	m := hmac.New(sha256.New, key)
	m.Write(a.digits[:])
	return hex.EncodeToString(m.Sum(nil))
}

// Equal compares two numbers in constant time; two zero values are equal.
func (a AadhaarNumber) Equal(b AadhaarNumber) bool {
	if a.digits == nil || b.digits == nil {
		return a.digits == b.digits
	}
	return subtle.ConstantTimeCompare(a.digits[:], b.digits[:]) == 1
}

// DigitsApart counts the positions where two numbers differ (12 when either
// is zero): how far a second reading moved from the first.
func (a AadhaarNumber) DigitsApart(b AadhaarNumber) int {
	if a.digits == nil || b.digits == nil {
		return 12
	}
	n := 0
	for i := range a.digits {
		if a.digits[i] != b.digits[i] {
			n++
		}
	}
	return n
}

// String returns the masked form.
func (a AadhaarNumber) String() string { return a.Masked() }

// GoString returns the masked form, for %#v.
func (a AadhaarNumber) GoString() string { return fmt.Sprintf("cards.AadhaarNumber(%q)", a.Masked()) }

// Format prints the masked form for every verb.
func (a AadhaarNumber) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = fmt.Fprint(f, a.GoString())
		return
	}
	_, _ = fmt.Fprint(f, a.Masked())
}

// MarshalText returns the masked form, so JSON and text encoders never see digits.
func (a AadhaarNumber) MarshalText() ([]byte, error) { return []byte(a.Masked()), nil }

// LogValue returns the masked form for log/slog.
func (a AadhaarNumber) LogValue() slog.Value { return slog.StringValue(a.Masked()) }

// Mask turns any string holding an Aadhaar number (with or without spaces)
// into "XXXX XXXX 1234"; it returns "" unless the string holds exactly 12
// digits, so a malformed value is dropped rather than half-masked.
func Mask(s string) string {
	d := make([]byte, 0, 12)
	for i := range len(s) {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			d = append(d, c)
		case c == ' ' || c == '-':
		default:
			return ""
		}
	}
	n, ok := NewAadhaarNumber(string(d))
	if !ok {
		return ""
	}
	return n.Masked()
}

// AadhaarCandidate is a 12-digit group found in the lines.
type AadhaarCandidate struct {
	Number  AadhaarNumber
	Line    int
	Repairs int // letters read where digits belong, fixed
}

// FindAadhaar returns every 12-digit number in lines (printed 4-4-4 or run
// together; OCR letter/digit confusions repaired), valid or not, in reading
// order without duplicates. Longer digit runs (a 16-digit VID) and lines
// naming the VID are skipped.
func FindAadhaar(lines []string) []AadhaarCandidate {
	var out []AadhaarCandidate
	for li, line := range lines {
		if containsWord(line, "VID") {
			continue
		}
		for _, run := range digitRuns(line) {
			if len(run.digits) != 12 {
				continue
			}
			n, _ := NewAadhaarNumber(run.digits)
			dup := false
			for _, c := range out {
				dup = dup || c.Number.Equal(n)
			}
			if !dup {
				out = append(out, AadhaarCandidate{Number: n, Line: li, Repairs: run.repairs})
			}
		}
	}
	return out
}
