package cards

import "strings"

// OCR repairs specific to PAN tokens, applied before position-based repair.

// dropDoubledChar undoes a character Tesseract's LSTM doubled at a letter
// to digit change ("ODOPMO0693N" for ODOPM0693N): an 11-character token
// becomes 10 when exactly one position holds a look-alike twin of its
// neighbour (O/0, I/1, S/5, B/8, Z/2, G/6) and dropping it leaves a valid PAN.
// Otherwise the token is returned unchanged.
func dropDoubledChar(s string) string {
	u := strings.ToUpper(s)
	found := ""
	for i := 1; i < len(u); i++ {
		if !twins(u[i-1], u[i]) {
			continue
		}
		for _, drop := range []int{i - 1, i} {
			cand := u[:drop] + u[drop+1:]
			if v, _, ok := RepairPAN(cand); ok {
				if found != "" && found != v {
					return s // two different readings: no guess
				}
				found = v
			}
		}
	}
	if found == "" {
		return s
	}
	return found
}

func twins(a, b byte) bool {
	return a == b || letterAsDigit[a] == b || letterAsDigit[b] == a
}

// symbolsAsLetters turns the symbols Tesseract returns for J and I in bold
// capitals (")", "]", "}", "|", "!") into letters when they touch a letter or digit,
// so "INGPS7048)" is seen whole; position repair does the rest.
func symbolsAsLetters(line string) string {
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
