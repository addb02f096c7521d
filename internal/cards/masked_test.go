package cards

import "testing"

func TestMaskedAadhaarIsValidInput(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		lines []string
		last4 string // "" : no masked pick
	}{
		{"printed", []string{"Government of India", "XXXX XXXX 3685", "VID : 9405 0146 3548 7981"}, "3685"},
		{"read lower case, run together", []string{"xxxxXXXX 3685"}, "3685"},
		{"a digit read as a letter", []string{"XXXX XXXX 36B5"}, "3685"},
		{"an X read twice", []string{"XXXXK XXXXK 2412"}, "2412"},
		{"an X lost", []string{"XXX XXXX 2412"}, "2412"},
		{"hyphenated, as UIDAI describes it", []string{"xxxx-xxxx-3685"}, "3685"},
		{"hyphenated, one read as =", []string{"XXXX=-XXXX-3685"}, "3685"},
		// Measured on probe-layouts seed 5's photographed front (FreeSans, 1300 px): the 1's left bearing read as a space.
		{"the last four in two pieces", []string{"XXXX-XXXX-051 1"}, "0511"},
		{"the last four in two pieces, spaced", []string{"XXXX XXXX 36 85"}, "3685"},
		{"two pieces of more than four", []string{"XXXX XXXX 368 51"}, ""},
		{"a masked number then another number", []string{"XXXX XXXX 3685 1"}, "3685"},
		{"too few masking characters", []string{"XX XXXX 2412"}, ""},
		{"only the VID line", []string{"VID : XXXX XXXX 3685"}, ""},
		{"too few digits", []string{"XXXX XXXX 368"}, ""},
		{"two letters for digits", []string{"XXXX XXXX 3OB5"}, ""},
		// A full valid number wins over a masked one elsewhere on the card.
		{"full number present", []string{"XXXX XXXX 3685", "2169 6201 6002"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			front := ParseAadhaarFront(tc.lines)
			if front.Number.MaskedLast4 != tc.last4 {
				t.Fatalf("masked last 4 = %q, want %q", front.Number.MaskedLast4, tc.last4)
			}
			if tc.last4 == "" {
				return
			}
			if !front.Number.Number.IsZero() || !front.Number.Found() {
				t.Fatal("a masked pick must hold no full number and count as found")
			}
			for _, f := range front.Findings {
				if f.Code == CodeAadhaarChecksum || f.Code == CodeAadhaarNotFound {
					t.Errorf("masked number gave finding %s", f.Code)
				}
			}
			if !HasCode(front.Findings, CodeAadhaarMasked) {
				t.Errorf("no %s finding in %+v", CodeAadhaarMasked, front.Findings)
			}
			if back := ParseAadhaarBack(tc.lines); back.Number.MaskedLast4 != tc.last4 {
				t.Errorf("back: masked last 4 = %q", back.Number.MaskedLast4)
			}
		})
	}
}

func TestLabelledAadhaarName(t *testing.T) {
	t.Parallel()
	got := ParseAadhaarFront([]string{"GOVERNMENT OF INDIA", "Name: K. R. Srinivasan", "DOB: 11/10/1970", "Gender: MALE"})
	if got.Name.Value != "K. R. Srinivasan" {
		t.Errorf("name %q", got.Name.Value)
	}
	// Debris of the photo's edge before the name, on the line above the date.
	got = ParseAadhaarFront([]string{"Government of India", "fr Sandeep Qureshi", "DOB: 17/01/2002"})
	if got.Name.Value != "Sandeep Qureshi" {
		t.Errorf("name after debris %q", got.Name.Value)
	}
}
