package cards

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets of every text parser. `make fuzz-cards` runs each for a bounded
// time; plain `go test` runs the seeds below as regression cases.

var (
	twelveDigitsRe = regexp.MustCompile(`\d{4}\s?\d{4}\s?\d{4}`)
	maskedFormRe   = regexp.MustCompile(`^XXXX XXXX \d{4}$`)
	pinOnlyRe      = regexp.MustCompile(`^[1-9]\d{5}$`)
)

func addTextSeeds(f *testing.F) {
	for _, s := range []string{
		ocrPANOld, ocrPANNew, ocrFront, ocrBack, "", "\n\n", "Address:", "DOB : 31/12/1999", "Year of Birth: 2001",
		"7035 7094 0557", "70357094O557 VID", "ABCPE1234F ABCPE12O4F", "पता: 4-5-67, Main Road - 500001",
		"S/O: , , - 111111", "XXXX XXXX 1234", "xxxxXXXX 12O4\nVID : 9123 4567 8901 2345", "Name: K. R. Srinivasan", "Ara - 500061\nAddress:\nMain Road,\nTelangana\n2169 6201 6002", "\xff\xfe", "MALE FEMALE महिला", strings.Repeat("1234 ", 40),
	} {
		f.Add(s)
	}
}

// checkFindings: every finding is complete and no message carries a 12-digit number.
func checkFindings(t *testing.T, fs []Finding) {
	t.Helper()
	for _, f := range fs {
		if f.Code == "" || f.Severity == "" || f.Message == "" {
			t.Fatalf("incomplete finding %+v", f)
		}
		if twelveDigitsRe.MatchString(f.Message) {
			t.Fatalf("finding message carries a 12-digit number: %q", f.Message)
		}
	}
}

func checkExtract(t *testing.T, name string, e Extract, nLines int) {
	t.Helper()
	if e.Certainty < 0 || e.Certainty > 1 {
		t.Fatalf("%s: certainty %v", name, e.Certainty)
	}
	if e.Found() && (e.Line < 0 || e.Line >= nLines) {
		t.Fatalf("%s: line %d of %d", name, e.Line, nLines)
	}
	if !e.Found() && e.Certainty != 0 {
		t.Fatalf("%s: certainty %v without a value", name, e.Certainty)
	}
}

func FuzzRepairPAN(f *testing.F) {
	for _, s := range []string{"ABCPE1234F", "0BCPE12O4F", "SRIVASTAVA", "abcpe1234f", "ABCPE1234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, rep, ok := RepairPAN(s)
		if ok && (!ValidPAN(v) || rep > maxPANRepairs) {
			t.Fatalf("RepairPAN(%q) = %q, %d: invalid result accepted", s, v, rep)
		}
		if !ok && v != "" {
			t.Fatalf("RepairPAN(%q) returned %q while refusing", s, v)
		}
	})
}

func FuzzParsePAN(f *testing.F) {
	addTextSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		ls := lines(s)
		got := ParsePAN(ls)
		if got.Number.Found() && !ValidPAN(got.Number.Value) {
			t.Fatalf("invalid PAN returned: %q", got.Number.Value)
		}
		if got.DOB.Found() {
			if _, ok := ParseISODate(got.DOB.Value); !ok {
				t.Fatalf("bad DOB %q", got.DOB.Value)
			}
		}
		for name, e := range map[string]Extract{"number": got.Number, "name": got.Name, "father": got.FatherName, "dob": got.DOB} {
			checkExtract(t, name, e, len(ls))
		}
		checkFindings(t, got.Findings)
	})
}

func FuzzParseAadhaarFront(f *testing.F) {
	addTextSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		ls := lines(s)
		got := ParseAadhaarFront(ls)
		if n := got.Number.Number; !n.IsZero() && (!n.Valid() || !maskedFormRe.MatchString(n.Masked())) {
			t.Fatalf("invalid number returned (%s)", n)
		}
		for name, e := range map[string]Extract{"name": got.Name, "dob": got.DOB, "gender": got.Gender} {
			checkExtract(t, name, e, len(ls))
		}
		if got.Number.Certainty < 0 || got.Number.Certainty > 1 {
			t.Fatalf("number certainty %v", got.Number.Certainty)
		}
		checkFindings(t, got.Findings)
	})
}

func FuzzParseAadhaarBack(f *testing.F) {
	addTextSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		ls := lines(s)
		got := ParseAadhaarBack(ls)
		if got.PIN.Found() && !pinOnlyRe.MatchString(got.PIN.Value) {
			t.Fatalf("bad PIN %q", got.PIN.Value)
		}
		if got.Address.Found() && (got.Address.Value != strings.Join(strings.Fields(got.Address.Value), " ") || !utf8.ValidString(got.Address.Value) && utf8.ValidString(s)) {
			t.Fatalf("address not normalised: %q", got.Address.Value)
		}
		if got.PIN.Found() && !strings.HasSuffix(got.Address.Value, got.PIN.Value) {
			t.Fatalf("address %q does not end with its PIN %q", got.Address.Value, got.PIN.Value)
		}
		for name, e := range map[string]Extract{"careOf": got.CareOf, "address": got.Address, "pin": got.PIN} {
			checkExtract(t, name, e, len(ls))
		}
		if s := got.PINSuspect; s.Line < -1 || s.Line >= len(ls) || len(s.Known) > 6 || strings.Trim(s.Known, "0123456789?") != "" {
			t.Fatalf("bad PIN suspect %+v for %d lines", s, len(ls))
		}
		checkFindings(t, got.Findings)
	})
}

func FuzzFindAadhaarAndMask(f *testing.F) {
	addTextSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range FindAadhaar(lines(s)) {
			if c.Number.IsZero() || !maskedFormRe.MatchString(c.Number.Masked()) {
				t.Fatalf("bad candidate %v", c.Number)
			}
		}
		if m := Mask(s); m != "" && !maskedFormRe.MatchString(m) {
			t.Fatalf("Mask(%q) = %q", s, m)
		}
	})
}

func FuzzFindMaskedAadhaar(f *testing.F) {
	addTextSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		ls := lines(s)
		m, ok := FindMaskedAadhaar(ls)
		if !ok {
			return
		}
		if len(m.Last4) != 4 || strings.Trim(m.Last4, "0123456789") != "" || m.Line < 0 || m.Line >= len(ls) {
			t.Fatalf("bad masked candidate %+v", m)
		}
		if !maskedFormRe.MatchString(MaskedNumber(m.Last4)) {
			t.Fatalf("MaskedNumber(%q) is not masked", m.Last4)
		}
		pick, _ := PickAadhaar(ls)
		if pick.MaskedLast4 != "" && !pick.Number.IsZero() {
			t.Fatal("a pick holds both a full and a masked number")
		}
	})
}

func FuzzFindDOB(f *testing.F) {
	addTextSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		e, d := FindDOB(lines(s))
		if e.Value != d.ISO() {
			t.Fatalf("extract %q differs from date %q", e.Value, d.ISO())
		}
		if e.Found() {
			back, ok := ParseISODate(e.Value)
			if !ok || back != d {
				t.Fatalf("DOB %q does not round-trip", e.Value)
			}
		}
	})
}

func FuzzCompareNames(f *testing.F) {
	f.Add("RAHUL KUMAR SHARMA", "Rahul Kumar Sharma")
	f.Add("R K SHARMA", "Rahul Kumar Sharma")
	f.Add("", "x")
	f.Add("É", "é")
	f.Fuzz(func(t *testing.T, a, b string) {
		c := CompareNames(a, b)
		if c.Score < 0 || c.Score > 1 {
			t.Fatalf("score %v", c.Score)
		}
		if NormalizeName(a) != "" && CompareNames(a, a).Verdict != NamesMatch {
			t.Fatalf("%q does not match itself", a)
		}
	})
}
