package cards

import (
	"regexp"
	"strings"
)

// The back prints the address twice, in a regional language and in English,
// each block ending in the same PIN. When the English block was read without
// its PIN (the right part of its lines lost under glare or a shadow, with no
// line left cut short for a closer look), the other block's last line may
// still hold it: its digits are ASCII and read as well as the English ones.
// That PIN is taken as a fallback, less certain than one read in the English
// block, and said in a finding.

// otherPINCertainty: a PIN not read in the block that was parsed, but in the
// other language's block of the same card, is below the reader's key
// confidence, so that another pass may still read the English one.
const otherPINCertainty = 0.5

// otherBlockPINRe: a line that ends in a PIN after a dash or a word, as an
// address block's last line does ("<Hindi> - 500061", "Telangana 500061"),
// or holds the PIN alone.
var otherBlockPINRe = regexp.MustCompile(`(?:^|[-–—]\s*|[^\s0-9]\s+)([1-9][0-9]{5})[.,]?$`)

// otherBlockPIN looks outside the lines from..to (the English block) for
// lines ending in a PIN. It returns the PIN only when every such line holds
// the same one, it agrees with what the English block read of it (known, see
// PINAgrees), and no line near it holds a longer run of digits (an Aadhaar
// number or VID is not an address).
func otherBlockPIN(lines []string, from, to int, known string) (Extract, bool) {
	pin, at := "", -1
	for i, l := range lines {
		if i >= from && i <= to {
			continue
		}
		t := strings.TrimSpace(l)
		m := otherBlockPINRe.FindStringSubmatch(t)
		if m == nil || hasDigitGroup444(t) {
			continue
		}
		switch {
		case pin == "":
			pin, at = m[1], i
		case pin != m[1]:
			return notFound, false // two different PINs: no way to tell which is the card's
		}
	}
	if pin == "" || !PINAgrees(known, pin) {
		return notFound, false
	}
	return Extract{Value: pin, Line: at, Certainty: otherPINCertainty}, true
}
