package cards

import (
	"strings"
	"testing"
)

func TestParseAddressTakesTheOtherBlocksPIN(t *testing.T) {
	t.Parallel()
	hindi := "at:\no/s. Raga Aer,\nsis 37, Fee tars,\nTsIRe - 500061\n"
	for _, tc := range []struct {
		name, text string
		pin        string
		other      bool // the PIN came from the other block (finding, lower certainty)
	}{
		{"English block has its PIN", hindi + "Address:\nC/O: Surya Ganesan,\nHyderabad, Telangana - 500061\n2169 6201 6002", "500061", false},
		{"English block lost it", hindi + "Address:\nC/O: Surya Ganesan Parthasa\nHyderabad, Telangana\n2169 6201 6002", "500061", true},
		{"other block after the number", "Address:\nMain Road, Kochi,\nKerala\n7035 7094 0557\nपता: मुख्य मार्ग, कोच्चि,\nकेरल 682001", "682001", true},
		{"a PIN alone on its line", "390048\nAddress:\nMain Road,\nVadodara, Gujarat\n2169 6201 6002", "390048", true},
		{"agrees with the cut-short English PIN", hindi + "Address:\nMain Road,\nTelangana - 5000\n2169 6201 6002", "500061", true},
		{"disagrees with the cut-short English PIN", hindi + "Address:\nMain Road,\nTelangana - 5100\n2169 6201 6002", "", false},
		{"two different PINs elsewhere", "Ara - 500061\nRara - 500062\nAddress:\nMain Road,\nTelangana\n2169 6201 6002", "", false},
		{"the same PIN twice elsewhere", "Ara - 500061\nRara - 500061\nAddress:\nMain Road,\nTelangana\n2169 6201 6002", "500061", true},
		{"six digits inside a longer number", "VID : 9123 456789 012345\nAddress:\nMain Road,\nTelangana\n2169 6201 6002", "", false},
		{"six digits followed by more text", "Ref 500061 issued\nAddress:\nMain Road,\nTelangana\n2169 6201 6002", "", false},
		{"no address label", "Ara - 500061\nMain Road,\nTelangana", "", false},
	} {
		got := ParseAddress(lines(tc.text))
		if got.PIN.Value != tc.pin {
			t.Errorf("%s: PIN %q, want %q", tc.name, got.PIN.Value, tc.pin)
		}
		gotOther := hasCode(got.Findings, CodePINOtherBlock)
		if gotOther != tc.other {
			t.Errorf("%s: other-block finding %v, want %v (%+v)", tc.name, gotOther, tc.other, got.Findings)
		}
		if tc.other && (got.PIN.Certainty != otherPINCertainty || got.Address.Certainty != otherPINCertainty) {
			t.Errorf("%s: certainty %.2f/%.2f, want %.2f", tc.name, got.PIN.Certainty, got.Address.Certainty, otherPINCertainty)
		}
		if tc.other && !strings.HasSuffix(got.Address.Value, " - "+tc.pin) {
			t.Errorf("%s: address %q does not end with the PIN", tc.name, got.Address.Value)
		}
	}
}

func hasCode(fs []Finding, c Code) bool {
	for _, f := range fs {
		if f.Code == c {
			return true
		}
	}
	return false
}
