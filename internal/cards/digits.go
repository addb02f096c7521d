package cards

import (
	"strings"
	"unicode"
)

// Letters Tesseract returns for digits in print like ours.
var digitLookalike = map[rune]byte{
	'O': '0', 'o': '0', 'D': '0', 'Q': '0', 'I': '1', 'l': '1', '|': '1', 'i': '1', '!': '1',
	'S': '5', 's': '5', 'B': '8', 'Z': '2', 'z': '2', 'G': '6', 'b': '6', 'g': '9', 'q': '9',
}

// repairDigits returns tok as digits if it is a mostly-digit token (at least
// three quarters real digits) whose other characters are digit lookalikes.
func repairDigits(tok string) (digits string, repairs int, ok bool) {
	var b strings.Builder
	real := 0
	n := 0
	for _, r := range tok {
		n++
		switch {
		case r >= '0' && r <= '9':
			real++
			b.WriteRune(r)
		default:
			d, ok := digitLookalike[r]
			if !ok {
				return "", 0, false
			}
			repairs++
			b.WriteByte(d)
		}
	}
	if n == 0 || real*4 < n*3 {
		return "", 0, false
	}
	return b.String(), repairs, true
}

type digitRun struct {
	digits  string
	repairs int
}

// digitRuns joins consecutive whitespace-separated digit tokens of a line
// ("1234 5678 9012" -> one run). Edge punctuation of a token is dropped; any
// other token ends the run.
func digitRuns(line string) []digitRun {
	var runs []digitRun
	var cur digitRun
	flush := func() {
		if cur.digits != "" {
			runs = append(runs, cur)
		}
		cur = digitRun{}
	}
	for _, f := range strings.Fields(line) {
		tok := strings.TrimFunc(f, func(r rune) bool { return unicode.IsPunct(r) && r != '|' && r != '!' })
		d, rep, ok := repairDigits(tok)
		if !ok {
			flush()
			continue
		}
		cur.digits += d
		cur.repairs += rep
		if tok != f { // punctuation after a group (e.g. "0557.") ends the run
			flush()
		}
	}
	flush()
	return runs
}

// containsWord reports whether line has word (ASCII, case-insensitive) as a
// whole alphanumeric token.
func containsWord(line, word string) bool {
	for _, t := range alnumTokens(line) {
		if strings.EqualFold(t, word) {
			return true
		}
	}
	return false
}
