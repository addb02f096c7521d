package cards

import (
	"strings"
	"unicode"
)

// Words printed on the cards that are never part of a person's name.
var cardWords = map[string]bool{
	"INCOME": true, "TAX": true, "DEPARTMENT": true, "GOVT": true, "GOVERNMENT": true, "INDIA": true,
	"OF": true, "PERMANENT": true, "ACCOUNT": true, "NUMBER": true, "CARD": true, "SIGNATURE": true,
	"NAME": true, "FATHER": true, "FATHERS": true, "DATE": true, "BIRTH": true, "DOB": true, "MALE": true,
	"FEMALE": true, "TRANSGENDER": true, "UNIQUE": true, "IDENTIFICATION": true, "AUTHORITY": true,
	"ADDRESS": true, "YEAR": true, "AADHAAR": true, "AADHAR": true, "ENROLMENT": true, "VID": true,
	"ISSUE": true, "DOWNLOAD": true, "HELP": true, "WWW": true, "MERA": true, "AADHAAR,": true,
}

// cleanNameLine trims OCR debris around a line ("| RAHUL KUMAR ." -> "RAHUL KUMAR"),
// collapses spaces and repairs letters read as look-alike symbols inside words.
func cleanNameLine(line string) string {
	line = strings.TrimFunc(line, func(r rune) bool { return !unicode.IsLetter(r) && r != ')' && r != '|' })
	words := strings.Fields(line)
	for i, w := range words {
		words[i] = repairNameWord(w)
	}
	return strings.TrimFunc(strings.Join(words, " "), func(r rune) bool { return !unicode.IsLetter(r) })
}

// letterLookalike: what Tesseract returns for capitals in bold sans print
// ("MANOJ" -> "MANO)", "KAPOOR" -> "KAP0OR").
var letterLookalike = map[rune]rune{')': 'J', ']': 'J', '|': 'I', '0': 'O', '1': 'I', '5': 'S', '8': 'B', '$': 'S'}

// repairNameWord replaces one look-alike symbol in a word of at least three
// letters; words with more symbols are left alone (they are not names).
func repairNameWord(w string) string {
	rs := []rune(w)
	letters, odd := 0, -1
	for i, r := range rs {
		switch _, ok := letterLookalike[r]; {
		case unicode.IsLetter(r):
			letters++
		case ok && odd < 0:
			odd = i
		case ok, r != '.' && r != '\'':
			return w // a second symbol, or a digit that is not a look-alike
		}
	}
	if odd < 0 || letters < 3 {
		return w
	}
	fix := letterLookalike[rs[odd]]
	if odd > 0 && unicode.IsLower(rs[odd-1]) {
		fix = unicode.ToLower(fix)
	}
	rs[odd] = fix
	return string(rs)
}

// nameStyle is how a card prints names.
type nameStyle int

const (
	upperNames nameStyle = iota // PAN: "RAHUL KUMAR SHARMA"
	titleNames                  // Aadhaar: "Rahul Kumar Sharma" (capitals accepted too)
)

// isNameLine reports whether a cleaned line can be a person's name: 1-6
// words of ASCII letters (dots and apostrophes allowed, single-letter
// initials allowed), at least 3 letters, no card vocabulary, and capitalised
// as the card prints names.
func isNameLine(s string, style nameStyle) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	letters, long := 0, 0
	for _, w := range words {
		core := strings.Trim(w, ".'")
		if core == "" || cardWords[strings.ToUpper(core)] {
			return false
		}
		for i, r := range core {
			isUp, isLow := r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z'
			switch {
			case !isUp && !isLow && r != '.' && r != '\'':
				return false
			case i == 0 && !isUp:
				return false // every word starts with a capital on both cards
			case i > 0 && style == upperNames && isLow:
				return false
			}
			if isUp || isLow {
				letters++
			}
		}
		if len(core) >= 3 {
			long++
		}
	}
	if style == titleNames && len(words) == 1 && long == 1 && letters < 4 {
		return false
	}
	return letters >= 3 && long >= 1
}

// NormalizeName is the comparison form of a name: capitals, letters and single
// spaces only ("Rahul  K. Sharma" -> "RAHUL K SHARMA").
func NormalizeName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToUpper(s) {
		switch {
		case unicode.IsLetter(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '.' || unicode.IsSpace(r) || r == '-' || r == ',':
			space = true
		}
	}
	return b.String()
}

// nameAfter returns the first name-like line among the two after line i.
func nameAfter(lines []string, i int, style nameStyle) Extract {
	for j := i + 1; j < len(lines) && j <= i+2; j++ {
		if s := cleanNameLine(lines[j]); isNameLine(s, style) {
			return Extract{Value: s, Line: j, Certainty: 1}
		}
	}
	return notFound
}
