package cards

import (
	"regexp"
	"strings"
	"unicode"
)

// Words printed on the cards that are never part of a person's name.
var cardWords = map[string]bool{
	"INCOME": true, "TAX": true, "DEPARTMENT": true, "GOVT": true, "GOVERNMENT": true, "INDIA": true,
	"OF": true, "PERMANENT": true, "ACCOUNT": true, "NUMBER": true, "CARD": true, "SIGNATURE": true,
	"NAME": true, "FATHER": true, "FATHERS": true, "DATE": true, "BIRTH": true, "DOB": true, "YOB": true, "GENDER": true, "MALE": true,
	"FEMALE": true, "TRANSGENDER": true, "UNIQUE": true, "IDENTIFICATION": true, "AUTHORITY": true,
	"ADDRESS": true, "YEAR": true, "AADHAAR": true, "AADHAR": true, "ENROLMENT": true, "VID": true,
	"ISSUE": true, "DOWNLOAD": true, "HELP": true, "WWW": true, "MERA": true, "AADHAAR,": true,
}

// IsCardWord reports whether w is a word of the cards' own vocabulary (a label's
// or a header's, never a name's), alone or several run together, as blur closes
// the spaces of a header or label ("GOVERNMENTOFINDIA", "DATEOFBIRTH"). No name
// is such a chain: the pieces are whole card words of two letters or more.
func IsCardWord(w string) bool {
	w = strings.ToUpper(w)
	// chain[i]: w[:i] splits into card words (one of them when w is a card word itself).
	chain := make([]bool, len(w)+1)
	chain[0] = true
	for i := 2; i <= len(w); i++ {
		for j := 0; j+2 <= i && !chain[i]; j++ {
			chain[i] = chain[j] && cardWords[w[j:i]]
		}
	}
	return w != "" && chain[len(w)]
}

// cleanNameLine trims OCR debris around a line ("| RAHUL KUMAR ." -> "RAHUL KUMAR"),
// collapses spaces and repairs letters read as look-alike symbols inside words.
// Digits at the ends are kept so that "USEPK5307O" is not taken for a name.
func cleanNameLine(line string) string {
	line = strings.TrimFunc(line, isDebris)
	words := strings.Fields(line)
	for i, w := range words {
		words[i] = repairNameWord(w)
	}
	for i := range words {
		if initial, ok := symbolInitial(words, i); ok {
			words[i] = initial
		}
	}
	noLetter := func(w string) bool { return !strings.ContainsFunc(w, unicode.IsLetter) }
	for len(words) > 0 && noLetter(words[0]) { // a lone "|" or ")" before the name
		words = words[1:]
	}
	for len(words) > 0 && noLetter(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	// "fr Sandeep Qureshi": a photo's edge or a Hindi glyph beside the name
	// read as a short lower-case word; names print every word capitalised.
	for len(words) > 1 && isShortLower(words[0]) {
		words = words[1:]
	}
	for len(words) > 1 && isShortLower(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return strings.TrimFunc(strings.Join(words, " "), isDebris)
}

// symbolInitial reads a word that is one look-alike symbol as the initial it
// stands for: with its dot anywhere ("|. Sivagami" and, blurred, "1.
// SIVAGAMI" are I. Sivagami), or, not a digit, alone between two words ("L. ¥
// Narayanaswamy": Y. with its dot merged into the glyph), the word before it
// holding a letter ("4 | Bhavna": a digit read off the photo's edge is no word
// of the name, and the bar after it a speck). A lone symbol without a dot at
// either end is left to the trimming: there it is more often the edge of the
// photo.
func symbolInitial(words []string, i int) (string, bool) {
	w := words[i]
	if glued, ok := gluedInitials(w); ok {
		return glued, true
	}
	core := strings.TrimSuffix(w, ".")
	rs := []rune(core)
	if len(rs) != 1 {
		return "", false
	}
	letter, ok := letterLookalike[rs[0]]
	dotted := len(core) < len(w)
	between := i > 0 && i < len(words)-1 && !unicode.IsDigit(rs[0]) && strings.ContainsFunc(words[i-1], unicode.IsLetter)
	if !ok || !dotted && !between {
		return "", false
	}
	return string(letter) + w[len(core):], true
}

// gluedInitials reads initials printed without a space between them ("O.I.",
// "S.K") where OCR took some for look-alike symbols ("0.1." is O.I.): every
// part between the dots is one capital or one look-alike, and at least one
// part is a look-alike (otherwise the word is already right).
func gluedInitials(w string) (string, bool) {
	parts := strings.Split(strings.TrimSuffix(w, "."), ".")
	if len(parts) < 2 {
		return "", false
	}
	var b strings.Builder
	repaired := false
	for _, p := range parts {
		rs := []rune(p)
		if len(rs) != 1 {
			return "", false
		}
		switch l, ok := letterLookalike[rs[0]]; {
		case ok:
			b.WriteRune(l)
			repaired = true
		case rs[0] >= 'A' && rs[0] <= 'Z':
			b.WriteRune(rs[0])
		default:
			return "", false
		}
		b.WriteByte('.')
	}
	out := b.String()
	if !strings.HasSuffix(w, ".") {
		out = strings.TrimSuffix(out, ".")
	}
	return out, repaired
}

// isShortLower: a word of one or two lower-case letters.
func isShortLower(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
		n++
	}
	return n > 0 && n <= 2
}

// isDebris: what OCR leaves around a line that is neither a letter, a digit,
// nor a symbol standing for a letter.
func isDebris(r rune) bool {
	_, lookalike := letterLookalike[r]
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !lookalike
}

// nameFrom returns the name a line holds, if it holds one. On upper-case
// cards a word with a few letters in the wrong case ("YaDav", as Tesseract
// reads skewed capitals) is accepted and returned in capitals.
func nameFrom(line string, style nameStyle) (string, bool) {
	s := cleanNameLine(line)
	if isNameLine(s, style) {
		return s, true
	}
	if style == upperNames && mostlyUpper(s) {
		if up := strings.ToUpper(s); isNameLine(up, style) {
			return up, true
		}
	}
	return "", false
}

// mostlyUpper: at least 70% of the letters are capitals.
func mostlyUpper(s string) bool {
	up, all := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			all++
			if unicode.IsUpper(r) {
				up++
			}
		}
	}
	return all > 0 && up*10 >= all*7
}

// letterLookalike: what Tesseract returns for capitals in bold sans print
// ("MANOJ" -> "MANO)", "KAPOOR" -> "KAP0OR").
var letterLookalike = map[rune]rune{
	')': 'J', ']': 'J', '}': 'J', '|': 'I', '!': 'I', '0': 'O', '1': 'I', '5': 'S', '8': 'B', '$': 'S', '¥': 'Y',
}

// repairNameWord replaces one look-alike symbol in a word of at least three
// characters, two of them letters ("SR!" is SRI; words with more symbols are
// not names), a lower-case l that begins a word, and a lower-case l among
// capitals.
func repairNameWord(w string) string {
	if initial, ok := echoedInitial(w); ok {
		return initial
	}
	if initial, ok := loneStrokeInitial(w); ok {
		return initial
	}
	rs := []rune(w)
	if len(rs) >= 3 && rs[0] == 'l' && unicode.IsLetter(rs[1]) {
		rs[0] = 'I' // names start with a capital: "lyengar" is Iyengar
	}
	capitalL(rs)
	letters, odd := 0, -1
	for i, r := range rs {
		switch _, ok := letterLookalike[r]; {
		case unicode.IsLetter(r):
			letters++
		case ok && odd < 0:
			odd = i
		case ok, r != '.' && r != '\'':
			return string(rs) // a second symbol, or a digit that is not a look-alike
		}
	}
	if odd < 0 || letters < 2 || len(rs) < 3 {
		return string(rs)
	}
	fix := letterLookalike[rs[odd]]
	if odd > 0 && unicode.IsLower(rs[odd-1]) {
		fix = unicode.ToLower(fix)
		if fix == 'i' && !echoesI(rs, odd) {
			fix = 'l' // among small letters a tall bare stroke is an l: an i is short and dotted ("Pate!" is Patel)
		}
	}
	if odd > 0 && unicode.ToUpper(rs[odd-1]) == unicode.ToUpper(fix) && odd == len(rs)-1 {
		return string(rs[:odd]) // "MANOJ)": the letter was read twice, as itself and as a symbol
	}
	// An I is one stroke, and a bar beside one is that I read twice ("LAKSHM!I"); names double an O or an E
	// (KAPOOR, SREE), almost never an I, so only the I's echo is dropped inside a word.
	if unicode.ToUpper(fix) == 'I' && echoesI(rs, odd) {
		return string(append(rs[:odd:odd], rs[odd+1:]...))
	}
	rs[odd] = fix
	return string(rs)
}

// echoesI: the symbol at i stands beside an I or i, which it read a second time.
func echoesI(rs []rune, i int) bool {
	return i > 0 && unicode.ToUpper(rs[i-1]) == 'I' || i+1 < len(rs) && unicode.ToUpper(rs[i+1]) == 'I'
}

// capitalL turns a lower-case l into I in a word whose other letters are
// all capitals (at least two): in sans-serif print the capital I and the
// small l are the same stroke, so Tesseract's "SAl" is SAI, while a capital
// L, with its foot, is never read as l.
func capitalL(rs []rune) {
	up := 0
	for _, r := range rs {
		switch {
		case r == 'l':
		case unicode.IsLower(r):
			return
		case unicode.IsUpper(r):
			up++
		}
	}
	if up < 2 {
		return
	}
	for i, r := range rs {
		if r == 'l' {
			rs[i] = 'I'
		}
	}
}

// loneStrokeInitial reads a lone small l as the initial I: "l" or "l." (an initial is a capital, and a capital L
// has a foot: "T. l. PADMAVATHI" is T. I.). A bar, 1 or ! with its full stop is a look-alike symbol, which
// symbolInitial reads.
func loneStrokeInitial(w string) (string, bool) {
	if w == "l" || w == "l." {
		return "I" + w[1:], true
	}
	return "", false
}

// echoedInitial reads "Cc.", "oO." or "Vv" as the initial "C.", "O.", "V": an initial
// whose small letter is the capital's scaled copy (c o s u v w x z) is sometimes
// returned as both, each with low confidence; no name word is such a pair. So is
// a J in the fonts whose capital J drops below the line like a j ("Jj." in DejaVu
// Sans Bold). The
// same echo with a symbol (not a digit) of the letter's shape ("Y¥.", "J).") is the
// initial too, and so is I read as I and l ("Il.").
func echoedInitial(w string) (string, bool) {
	core := strings.TrimSuffix(w, ".")
	rs := []rune(core)
	if len(rs) != 2 || !unicode.IsLetter(rs[0]) {
		return "", false
	}
	up := unicode.ToUpper(rs[0])
	caseEcho := rs[0] != rs[1] && up == unicode.ToUpper(rs[1]) && strings.ContainsRune("COSUVWXZJ", up)
	// In sans-serif print I and l are one stroke: "Il." is the initial I read twice.
	strokeEcho := core == "Il" || core == "I|" || core == "lI"
	if strokeEcho {
		up = 'I'
	}
	if !caseEcho && !strokeEcho && (unicode.IsDigit(rs[1]) || letterLookalike[rs[1]] != up) {
		return "", false
	}
	return string(up) + w[len(core):], true
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
		if core == "" || IsCardWord(core) {
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

// labelLineRe matches the field labels of both cards.
var labelLineRe = regexp.MustCompile(`(?i)\bname\b|father|birth|\bdob\b|signature|address`)

// inlineNameRe: a label followed by its value on the same line ("Name: VIDYA
// SHARMA", "Father's Name: RAMESH SHARMA"), as plainer cards print them. The
// colon is required: a card that prints its labels on their own lines has a
// name under "Name", never beside it.
var inlineNameRe = regexp.MustCompile(`(?i)name\s*[:;]\s*(\S.*)$`)

// nameOnLabel returns the name printed beside the label on line i.
func nameOnLabel(lines []string, i int, style nameStyle) (Extract, bool) {
	m := inlineNameRe.FindStringSubmatch(lines[i])
	if m == nil {
		return notFound, false
	}
	s, ok := nameFrom(m[1], style)
	if !ok {
		return notFound, false
	}
	return Extract{Value: s, Line: i, Certainty: 1}, true
}

// nameAfter returns the name beside label i or, failing that, the first
// name-like line among the two after it, stopping at the next label.
func nameAfter(lines []string, i int, style nameStyle) Extract {
	if e, ok := nameOnLabel(lines, i, style); ok {
		return e
	}
	for j := i + 1; j < len(lines) && j <= i+2; j++ {
		if labelLineRe.MatchString(lines[j]) {
			break // the next field's label: this one's value was not read
		}
		if s, ok := nameFrom(lines[j], style); ok {
			return Extract{Value: s, Line: j, Certainty: 1}
		}
	}
	return notFound
}
