package cards

import (
	"slices"
	"strings"
)

// OCR repairs specific to PAN tokens, applied before position-based repair.

// dropDoubledChar undoes a character Tesseract's LSTM added to a PAN: an
// 11-character token becomes 10 when dropping one character leaves a valid
// PAN. Two kinds of extra character are known: a look-alike twin of its
// neighbour at a letter to digit change ("ODOPMO0693N" for ODOPM0693N: O/0,
// I/1, S/5, B/8, Z/2, G/6, or the letter itself), and a bare stroke I split
// off a letter's hook ("JJIDPQ5794G" for JJDPQ5794G, a J in Liberation Sans).
// Where both apply they disagree (dropping a J of the twin JJ gives the valid
// but wrong JIDPQ5794G); the stroke is taken, because letters printed twice
// are common in PANs and a stroke alone is not. Of the twins, a mixed pair
// (0 and O, 5 and S) is taken before a letter printed twice
// ("ZDSPP0O112A": dropping a P also leaves a valid PAN): the LSTM's CTC
// decoding merges a glyph read twice as the same character, so an echo shows
// up as two different readings of one glyph, while "PP" is printed. Two
// different readings of one kind are no guess: the token is returned
// unchanged. Before any of that, the drop that leaves a PAN needing the fewest
// position repairs is taken: an echo at the letter to digit change
// ("AXQPMO0935I") leaves the PAN as printed once dropped, while dropping the
// final I and repairing two more characters leaves another valid one
// (AXQPM0093S).
func dropDoubledChar(s string) string {
	u := panUpper(s)
	var cands []dropCandidate
	add := func(drop int, kind dropKind) {
		if v, n, ok := RepairPAN(u[:drop] + u[drop+1:]); ok {
			cands = append(cands, dropCandidate{v, n, kind})
		}
	}
	for i := range len(u) {
		if u[i] == 'I' || u[i] == '|' {
			add(i, dropStroke)
		}
		if i == 0 || !twins(u[i-1], u[i]) {
			continue
		}
		kind := dropMixed
		if u[i-1] == u[i] {
			kind = dropSame
		}
		add(i-1, kind)
		add(i, kind)
	}
	if len(cands) == 0 {
		return s
	}
	fewest := slices.MinFunc(cands, func(a, b dropCandidate) int { return a.repairs - b.repairs }).repairs
	for _, kind := range []dropKind{dropStroke, dropMixed, dropSame} {
		var vs []string
		for _, c := range cands {
			if c.kind == kind && c.repairs == fewest {
				vs = appendNew(vs, c.value)
			}
		}
		switch {
		case len(vs) == 1:
			return vs[0]
		case len(vs) > 1:
			return s // two readings of one kind: no guess
		}
	}
	return s
}

// dropCandidate is a PAN left by dropping one character, and how many
// characters position repair then changed in it.
type dropCandidate struct {
	value   string
	repairs int
	kind    dropKind
}

type dropKind int

const (
	dropStroke dropKind = iota // a bare I or | dropped
	dropMixed                  // one of a mixed twin (0 and O) dropped
	dropSame                   // one of a letter printed twice dropped
)

// appendNew appends v to vs unless it is there already.
func appendNew(vs []string, v string) []string {
	if slices.Contains(vs, v) {
		return vs
	}
	return append(vs, v)
}

func twins(a, b byte) bool {
	return a == b || letterAsDigit[a] == b || letterAsDigit[b] == a
}

// SymbolsAsLetters turns the symbols Tesseract returns for J and I in bold
// capitals (")", "]", "}", "|", "!") into letters when they touch a letter or digit,
// so "INGPS7048)" is seen whole; position repair does the rest.
func SymbolsAsLetters(line string) string {
	b := []byte(line)
	for i, c := range b {
		prevAlnum := i > 0 && isAlnum(b[i-1])
		nextAlnum := i+1 < len(b) && isAlnum(b[i+1])
		switch {
		case (c == '|' || c == '!') && (prevAlnum || nextAlnum):
			b[i] = 'I'
		case (c == ')' || c == ']' || c == '}') && prevAlnum:
			b[i] = 'J'
		}
	}
	return string(b)
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// wordToken is one OCR word as a PAN token: symbols that stand for letters
// turned into them, everything but letters and digits dropped, upper-cased.
func wordToken(word string) string {
	return panUpper(strings.Join(alnumTokens(SymbolsAsLetters(word)), ""))
}

// SuspectPAN reports whether an OCR word is a PAN whose digits were read as
// the letters that share their shapes ("TAHPAOOOSI" for TAHPA0008I: bold
// zeros as O, an 8 as S), a value position repair must not guess at. It
// returns the word as a 10-character token: letter positions hold letters
// or digits that repair to a holder-type PAN, the four digit positions hold
// digits or their look-alikes (O, D, Q, U, I, L, J, T, Z, S, G, B, A), at
// least one of them a letter. Ordinary words fail: their middle letters are
// not all digit shapes ("DEPARTMENT": M, E, N).
func SuspectPAN(word string) (string, bool) {
	tok := wordToken(word)
	if len(tok) != 10 {
		return "", false
	}
	letters := 0
	for i := 5; i <= 8; i++ {
		c := tok[i]
		if c >= '0' && c <= '9' {
			continue
		}
		if letterAsDigit[c] == 0 {
			return "", false
		}
		letters++
	}
	if letters == 0 {
		return "", false
	}
	_, ok := PANWithDigits(tok, "0000")
	return tok, ok
}

// PANWithDigits puts four digits read on their own into a suspect token's
// digit positions and repairs its letter positions by shape; it reports
// whether the result is a valid PAN.
func PANWithDigits(token, digits string) (string, bool) {
	if len(token) != 10 || len(digits) != 4 {
		return "", false
	}
	b := []byte(panUpper(token))
	for i := range 4 {
		if digits[i] < '0' || digits[i] > '9' {
			return "", false
		}
		b[5+i] = digits[i]
	}
	for i, c := range b {
		if !panDigitPos(i) && c >= '0' && c <= '9' {
			if b[i] = digitAsLetter[c]; b[i] == 0 {
				return "", false
			}
		}
	}
	v := string(b)
	return v, ValidPAN(v)
}

// ShortPAN reports whether an OCR word is a PAN that lost its first letter
// ("JJPK7705H" for IJJPK7705H: a leading I is one thin stroke, which Tesseract
// drops now and then): nine characters that, behind any letter, repair to a
// valid PAN. It returns the nine characters repaired by position. The letter
// is not guessed: the caller takes an I from the print or reads the word
// again with room on its left (PANTail).
func ShortPAN(word string) (string, bool) {
	tok := wordToken(word)
	if len(tok) != 9 {
		return "", false
	}
	v, _, ok := RepairPAN("A" + tok)
	if !ok {
		return "", false
	}
	return v[1:], true
}

// PANTail reports whether an OCR word reads as the end of a PAN whose first
// one to four letters were lost ("PM8554U" for TFFPM8554U: glare greyed the
// first glyphs and layout analysis left them out of the word). It takes the
// tail only as printed, with no character repaired, since a repaired tail
// of six to nine characters matches too many other words. It returns the
// tail (10 − its length letters were lost); the caller reads the word again
// with room on its left.
func PANTail(word string) (string, bool) {
	tok := wordToken(word)
	if len(tok) < 6 || len(tok) > 9 {
		return "", false
	}
	if _, repairs, ok := RepairPAN(strings.Repeat("A", 10-len(tok)) + tok); !ok || repairs > 0 {
		return "", false
	}
	return tok, true
}

// PANHead reports whether an OCR word reads as the start of a PAN whose last
// one to four characters were lost ("TYZPH9" for TYZPH9736Q: glare over the
// number's right end greyed its last glyphs, and layout analysis left them
// out of the word). Like PANTail it takes the head only as printed: five
// letters that could open a PAN and then one to four digits, nothing
// repaired (five letters alone are any word). It returns the head; the caller
// reads the word again with room on its right.
func PANHead(word string) (string, bool) {
	tok := wordToken(word)
	if len(tok) < 6 || len(tok) > 9 {
		return "", false
	}
	if _, repairs, ok := RepairPAN(tok + strings.Repeat("0", 9-len(tok)) + "A"); !ok || repairs > 0 {
		return "", false
	}
	return tok, true
}
