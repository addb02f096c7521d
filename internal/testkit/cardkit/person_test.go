package cardkit

import (
	"regexp"
	"strings"
	"testing"
)

var (
	panRe     = regexp.MustCompile(`^[A-Z]{3}P[A-Z][0-9]{4}[A-Z]$`)
	aadhaarRe = regexp.MustCompile(`^[2-9][0-9]{11}$`)
	pinRe     = regexp.MustCompile(` - ([1-9][0-9]{5})$`)
)

// verhoeffValid checks a full number, written from the published algorithm
// independently of verhoeffDigit.
func verhoeffValid(num string) bool {
	c := byte(0)
	for i := range len(num) {
		c = vhMul[c][vhPerm[i%8][num[len(num)-1-i]-'0']]
	}
	return c == 0
}

func TestVerhoeffDigitKnownVectors(t *testing.T) {
	t.Parallel()
	// Published examples: 236 -> 3, 12345 -> 1, 142857 -> 0.
	for _, tc := range []struct{ in, want string }{{"236", "3"}, {"12345", "1"}, {"142857", "0"}} {
		if got := string(verhoeffDigit(tc.in)); got != tc.want {
			t.Errorf("verhoeffDigit(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestNewPersonIsValid(t *testing.T) {
	t.Parallel()
	r := NewRand(7)
	for range 500 {
		p := NewPerson(r)
		if !panRe.MatchString(p.PAN) {
			t.Fatalf("PAN %q has a bad structure", p.PAN)
		}
		surname := p.Name[strings.LastIndex(p.Name, " ")+1:]
		if p.PAN[4] != strings.ToUpper(surname)[0] {
			t.Errorf("PAN %q 5th char is not the surname initial of %q", p.PAN, p.Name)
		}
		if !aadhaarRe.MatchString(p.Aadhaar) || !verhoeffValid(p.Aadhaar) {
			t.Fatalf("Aadhaar %q is not a valid number", p.Aadhaar)
		}
		m := pinRe.FindStringSubmatch(p.Address)
		if m == nil || m[1] != p.PIN {
			t.Fatalf("address %q does not end with PIN %q", p.Address, p.PIN)
		}
		if p.DOBTime().IsZero() || p.DOBISO()[:4] != p.BirthYear() {
			t.Fatalf("bad DOB %q", p.DOB)
		}
		if p.Gender != Male && p.Gender != Female {
			t.Fatalf("bad gender %q", p.Gender)
		}
	}
}

func TestPersonDerivedForms(t *testing.T) {
	t.Parallel()
	p := Person{Name: "Ravi Kumar", DOB: "05/03/1990", Aadhaar: "234567890124", Gender: Female}
	for _, tc := range []struct{ name, got, want string }{
		{"spaced", p.AadhaarSpaced(), "2345 6789 0124"},
		{"masked", p.AadhaarMasked(), "XXXX XXXX 0124"},
		{"last4", p.AadhaarLast4(), "0124"},
		{"iso", p.DOBISO(), "1990-03-05"},
		{"pan name", p.PANName(), "RAVI KUMAR"},
		{"care of", p.CareOf(), "D/O"},
		{"aadhaar dob", p.AadhaarDOBText(), "05/03/1990"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	p.YearOfBirthOnly = true
	if got := p.AadhaarDOBText(); got != "1990" {
		t.Errorf("year-only DOB text = %q", got)
	}
}

func TestSamplesAreReproducible(t *testing.T) {
	t.Parallel()
	if a, b := NewSample(3, 17), NewSample(3, 17); a != b {
		t.Fatal("same seed and index gave different samples")
	}
	if NewSample(3, 17).Person == NewSample(3, 18).Person {
		t.Fatal("different indexes gave the same person")
	}
	if NewSample(3, 0).PANLayout == NewSample(3, 1).PANLayout {
		t.Fatal("layouts do not alternate")
	}
}

func TestWrapAtCommasJoinsBack(t *testing.T) {
	t.Parallel()
	r := NewRand(11)
	for range 200 {
		p := NewPerson(r)
		lines := wrapAtCommas(p.Address, 34)
		if got := strings.Join(lines, " "); got != p.Address {
			t.Fatalf("wrapped %q joins to %q", p.Address, got)
		}
	}
}

func TestVisualOrderMovesShortI(t *testing.T) {
	t.Parallel()
	// ति (ta + i-sign) is drawn i-sign first; in स्थि the sign goes before the conjunct.
	for _, tc := range []struct{ in, want string }{
		{"ति", "ित"},
		{"स्थि", "िस्थ"},
		{"नाम", "नाम"},
	} {
		if got := visualOrder(tc.in); got != tc.want {
			t.Errorf("visualOrder(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
