package cards

import (
	"regexp"
	"strings"
)

// An Indian PIN's first two digits name its postal circle, and circles follow
// state lines (India Post's PIN zones): an address printing "Nagpur,
// Maharashtra - 200085" has a misread PIN (440085), which every check a PIN
// has alone would pass. When the state is named right before the PIN and the
// two disagree, the PIN is read less surely and its line again (PINSuspect),
// and the reader says so if no pass reads one that fits.

// statePINs maps each state and union territory, as addresses print it, to
// the first two digits its PINs start with. Where a territory shares its
// circle with a neighbour, the neighbour's digits are listed.
var statePINs = map[string][]string{
	"delhi": {"11"}, "haryana": {"12", "13"}, "punjab": {"14", "15", "16"}, "chandigarh": {"16"},
	"himachal pradesh": {"17"}, "jammu and kashmir": {"18", "19"}, "ladakh": {"19"},
	"uttar pradesh": {"20", "21", "22", "23", "24", "25", "26", "27", "28"}, "uttarakhand": {"24", "26"},
	"uttaranchal": {"24", "26"}, "rajasthan": {"30", "31", "32", "33", "34"}, "gujarat": {"36", "37", "38", "39"},
	"dadra and nagar haveli": {"39"}, "daman and diu": {"36", "39"}, "maharashtra": {"40", "41", "42", "43", "44"},
	"goa": {"40"}, "madhya pradesh": {"45", "46", "47", "48"}, "chhattisgarh": {"49"}, "telangana": {"50"},
	"andhra pradesh": {"50", "51", "52", "53"}, "karnataka": {"56", "57", "58", "59"},
	"tamil nadu": {"60", "61", "62", "63", "64"}, "puducherry": {"53", "60", "67"}, "pondicherry": {"53", "60", "67"},
	"kerala": {"67", "68", "69"}, "lakshadweep": {"68"}, "west bengal": {"70", "71", "72", "73", "74"},
	"sikkim": {"73"}, "andaman and nicobar islands": {"74"}, "odisha": {"75", "76", "77"}, "orissa": {"75", "76", "77"},
	"assam": {"78"}, "arunachal pradesh": {"79"}, "nagaland": {"79"}, "manipur": {"79"}, "mizoram": {"79"},
	"tripura": {"79"}, "meghalaya": {"79"}, "bihar": {"80", "81", "82", "83", "84", "85"}, "jharkhand": {"81", "82", "83"},
}

// stateBeforePINRe: a state's name, then at most a dash, a comma, "PIN" or
// "Pincode" and spaces, then the PIN that ends the address.
var stateBeforePINRe = func() *regexp.Regexp {
	names := make([]string, 0, len(statePINs))
	for n := range statePINs {
		names = append(names, strings.ReplaceAll(strings.ReplaceAll(n, " and ", `\s*(?:and|&)\s*`), " ", `\s+`))
	}
	return regexp.MustCompile(`(?i)\b(` + strings.Join(names, "|") + `)[\s,.:;–—-]*(?:pin\s*(?:code)?[\s.:–—-]*)?([1-9][0-9]{5})$`)
}()

// stateName is a state's name as OCR read it in statePINs' form: small letters, single spaces, "&" as "and".
func stateName(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(strings.ToLower(s), "&", " and ")), " ")
}

// PINFitsState reports whether address, which ends in its PIN, names a state
// right before it (named) and whether the PIN starts as that state's do.
func PINFitsState(address string) (fits, named bool) {
	m := stateBeforePINRe.FindStringSubmatch(strings.TrimSpace(address))
	if m == nil {
		return false, false
	}
	prefixes, ok := statePINs[stateName(m[1])]
	if !ok {
		return false, false
	}
	for _, p := range prefixes {
		if strings.HasPrefix(m[2], p) {
			return true, true
		}
	}
	return false, true
}

// PINMisfit is the finding for a PIN that does not fit the state its address
// names: a misread digit, or an address a reviewer should look at.
func PINMisfit() Finding {
	return finding(CodePINStateMisfit, SevWarning, FieldAddress,
		"the PIN code does not belong to the state the address names; a digit may be misread")
}
