package cards

import "testing"

func TestMaskNumbersIn(t *testing.T) {
	valid := "780003649542" // Verhoeff-valid (checked below)
	if !VerhoeffValid(valid) || VerhoeffValid("780003649543") {
		t.Fatal("test numbers: wrong check digits")
	}
	cases := []struct{ in, want string }{
		{"Gurugram 7800 0364 9542, Haryana - 122083", "Gurugram XXXX XXXX 9542, Haryana - 122083"},
		{"780003649542", "XXXX XXXX 9542"},
		{"no:7800-0364-9542.", "no:XXXX XXXX 9542."},
		{"7800 0364 9542 and 7800 0364 9542", "XXXX XXXX 9542 and XXXX XXXX 9542"},
		{"7800 0364 9543 is not valid", "7800 0364 9543 is not valid"},
		{"PIN 122083, phone 9876543210", "PIN 122083, phone 9876543210"},
		{"17800 0364 9542", "17800 0364 9542"}, // part of a longer number
		{"", ""},
		{"RAHUL KUMAR", "RAHUL KUMAR"},
	}
	for _, c := range cases {
		if got := MaskNumbersIn(c.in); got != c.want {
			t.Errorf("MaskNumbersIn(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
