package cards

import "testing"

func TestParseAddressNamesASuspectPINLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, text string
		pin        string
		line       int // -1: no suspect
		known      string
		certain    bool // the PIN's certainty stays 1
	}{
		{"clean PIN", "Address:\nMain Road, Kochi,\nKerala - 682001\n7035 7094 0557", "682001", -1, "", true},
		{"mark read as a digit", "Address:\nBeside Water Tank,\nVijayawada, Andhra Pradesh - 52004!\n7890 4717 5543", "520041", 2, "52004?", false},
		{"letter read as a digit", "Address:\nMain Road, Kochi, Kerala - 6820O1", "682001", 1, "6820?1", false},
		{"cut short after a dash", "Address:\nD/O Narayanaswamy, Tilak Path,\nWest Bengal - 7110\n3279 3596 4620", "", 2, "7110", false},
		{"cut short after a word", "Address:\nMain Road, Kochi,\nUttar Pradesh 22\n3239 3704 2717", "", 2, "22", false},
		{"digits lost after the dash", "Address:\nMain Road, Kochi,\nKerala -\n7035 7094 0557", "", 2, "", false},
		{"a house number ends a line with a comma; the PIN lost after the state", "Address:\nFlat 109,\nMain Road, Kochi, Kerala\n7035 7094 0557", "", 2, "", false},
		{"the PIN and the state's end lost to glare", "Address:\nLake View Road, Sector 14,\nNagpur, Mahare\n3742 7804 5746", "", 2, "", false},
		{"a line continued with a comma is no end", "Address:\nLake View Road,\nNagpur,\n3742 7804 5746", "", -1, "", false},
		{"a mark no lookalike explains", "Address:\nHouse No. 119, Tilak Path,\nRanchi, Jharkhand, Pincode - £34001\nXXXX-XXXX-4289", "", 2, "?34001", false},
		{"a masked number ends the block, no cut PIN", "Address:\nHouse No. 119, Tilak Path,\nRanchi, Jharkhand, Pincode -\nXXXX-XXXX-4289", "", 2, "", false},
		{"a word of six letters is no PIN", "Address:\nMain Road, Kochi,\nNear Temple\n7035 7094 0557", "", 2, "", false},
		{"no address", "7035 7094 0557", "", -1, "", false},
	} {
		got := ParseAddress(lines(tc.text))
		if got.PIN.Value != tc.pin || got.PINSuspect.Line != tc.line || got.PINSuspect.Known != tc.known {
			t.Errorf("%s: pin=%q suspect=%+v, want %q line %d known %q", tc.name, got.PIN.Value, got.PINSuspect, tc.pin, tc.line, tc.known)
		}
		if got.PIN.Found() && (got.PIN.Certainty == 1) != tc.certain {
			t.Errorf("%s: PIN certainty %.2f", tc.name, got.PIN.Certainty)
		}
	}
}

func TestPINAgrees(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		known, pin string
		want       bool
	}{
		{"7110", "711092", true},
		{"7110", "711029", true},
		{"7110", "781092", false}, // a read cut short is a prefix
		{"52004?", "520048", true},
		{"52004?", "520041", true},
		{"52004?", "530048", false},
		{"", "560001", true},
		{"", "060001", false}, // no PIN starts with 0
		{"7110", "71109", false},
		{"7110", "7110922", false},
		{"7110", "71I092", false},
		{"1234567", "123456", false},
	} {
		if got := PINAgrees(tc.known, tc.pin); got != tc.want {
			t.Errorf("PINAgrees(%q, %q) = %v", tc.known, tc.pin, got)
		}
	}
}
