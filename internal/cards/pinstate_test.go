package cards

import "testing"

func TestPINFitsState(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		address     string
		fits, named bool
	}{
		{"House No. 6, Station Road, Vijayawada, Andhra Pradesh - 520060", true, true},
		{"Plot 12, Civil Lines, Nagpur, Maharashtra - 440045", true, true},
		{"Plot 12, Civil Lines, Nagpur, Maharashtra - 200085", false, true}, // 4 read 2, 4 read 8
		{"Lal Chowk, Srinagar, Jammu & Kashmir - 190001", true, true},
		{"Lal Chowk, Srinagar, Jammu and Kashmir, PIN: 190001", true, true},
		{"Sector 17, Chandigarh Pincode - 160017", true, true},
		{"Kohima, Nagaland 797001", true, true},
		{"Kohima, Nagaland 597001", false, true},
		{"Near Punjab National Bank, MG Road, Bengaluru, Karnataka - 560001", true, true}, // the state before the PIN counts
		{"Near Punjab National Bank, MG Road, Bengaluru - 560001", false, false},          // a landmark is not the state
		{"Flat 1012, Sunrise Towers, Dehradun, Uttarakhand - 248011", true, true},
		{"New Delhi - 110001", true, true},
		{"Indore, Madhya Pradesh - 452091", true, true},
		{"Patna, Bihar", false, false},
		{"", false, false},
	} {
		fits, named := PINFitsState(tc.address)
		if fits != tc.fits || named != tc.named {
			t.Errorf("PINFitsState(%q) = %v, %v; want %v, %v", tc.address, fits, named, tc.fits, tc.named)
		}
	}
}

// A PIN that does not fit its state is returned as read, less surely, its line named for a closer look.
func TestParseAddressDistrustsAPINOutsideItsState(t *testing.T) {
	t.Parallel()
	got := ParseAddress(lines("Address:\nPlot 12, Civil Lines,\nNagpur, Maharashtra - 200085"))
	if got.PIN.Value != "200085" || got.PIN.Certainty >= 0.6 || got.Address.Certainty >= 0.6 || !HasCode(got.Findings, CodePINStateMisfit) {
		t.Errorf("misfit: pin %+v address %+v findings %+v", got.PIN, got.Address, got.Findings)
	}
	if got.PINSuspect.Line != 2 || !PINAgrees(got.PINSuspect.Known, "440085") {
		t.Errorf("misfit: suspect %+v, want line 2 agreeing with any PIN", got.PINSuspect)
	}
	fit := ParseAddress(lines("Address:\nPlot 12, Civil Lines,\nNagpur, Maharashtra - 440085"))
	if fit.PIN.Certainty != 1 || fit.Address.Certainty != 1 || fit.PINSuspect.Found() || len(fit.Findings) > 0 {
		t.Errorf("fit: pin %+v address %+v suspect %+v findings %+v", fit.PIN, fit.Address, fit.PINSuspect, fit.Findings)
	}
}
