package aadhaarqr_test

import (
	"testing"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// The kit hashes independently (cardkit.uidaiHash); every last digit 0-9 is
// covered by drawing people until each occurs.
func TestCheckMobileEmail(t *testing.T) {
	seen := map[byte]bool{}
	for i := 0; len(seen) < 10 && i < 400; i++ {
		p := cardkit.NewSample(5, i).Person
		last := p.Aadhaar[11]
		if seen[last] {
			continue
		}
		seen[last] = true
		text, err := cardkit.SecureQRText(p, cardkit.QROptions{NoPhoto: true, Mobile: "9876543210", Email: "Asha.K@example.org"})
		if err != nil {
			t.Fatal(err)
		}
		q, err := aadhaarqr.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			got, want aadhaarqr.HashCheck
			what      string
		}{
			{q.CheckMobile("9876543210"), aadhaarqr.HashMatch, "same mobile"},
			{q.CheckMobile("+91 98765-43210"), aadhaarqr.HashMatch, "mobile with +91 and dashes"},
			{q.CheckMobile("09876543210"), aadhaarqr.HashMatch, "mobile with a leading 0"},
			{q.CheckMobile("9876543211"), aadhaarqr.HashNoMatch, "other mobile"},
			{q.CheckMobile(""), aadhaarqr.HashUnknown, "no mobile given"},
			{q.CheckEmail("Asha.K@example.org"), aadhaarqr.HashMatch, "same e-mail"},
			{q.CheckEmail("asha.k@example.org "), aadhaarqr.HashNoMatch, "e-mail in another case"},
			{q.CheckEmail("other@example.org"), aadhaarqr.HashNoMatch, "other e-mail"},
		} {
			if tc.got != tc.want {
				t.Errorf("last digit %c, %s: %v, want %v", last, tc.what, tc.got, tc.want)
			}
		}
	}
	if len(seen) < 10 {
		t.Fatalf("only last digits %v drawn", seen)
	}
	// No hash in the QR: unknown (null), whatever is claimed.
	q, err := aadhaarqr.Parse(kitText(t, cardkit.QROptions{NoPhoto: true}))
	if err != nil {
		t.Fatal(err)
	}
	if q.CheckMobile("9876543210").Verified() != nil || q.CheckEmail("a@b.in") != aadhaarqr.HashUnknown {
		t.Error("a QR without hashes verified something")
	}
	if v := aadhaarqr.HashNoMatch.Verified(); v == nil || *v {
		t.Error("HashNoMatch.Verified() must be false")
	}
}

func TestCrossCheck(t *testing.T) {
	p := person()
	q, err := aadhaarqr.Parse(kitText(t, cardkit.QROptions{NoPhoto: true}))
	if err != nil {
		t.Fatal(err)
	}
	same := aadhaarqr.Claims{Source: "aadhaar_ocr", Name: p.Name, DOB: p.DOBISO(), AadhaarLast4: p.AadhaarLast4()}
	if d := aadhaarqr.CrossCheck(q, same, aadhaarqr.Claims{Source: "pan", Name: p.PANName(), DOB: p.DOBISO()},
		aadhaarqr.Claims{Source: "aadhaar_ocr", DOB: p.BirthYear()}, aadhaarqr.Claims{Source: "none"}); len(d) != 0 {
		t.Fatalf("agreeing values: %+v", d)
	}
	other := "Zubin Mehta Farooqui"
	got := aadhaarqr.CrossCheck(q, aadhaarqr.Claims{Source: "pan", Name: other, DOB: "1901-01-01", AadhaarLast4: "0000"})
	want := map[string]bool{aadhaarqr.FieldName: true, aadhaarqr.FieldDOB: true, aadhaarqr.FieldAadhaarLast4: p.AadhaarLast4() != "0000"}
	for _, d := range got {
		if !want[d.Field] || d.Source != "pan" || d.Partial {
			t.Errorf("unexpected %+v", d)
		}
		delete(want, d.Field)
	}
	for f, w := range want {
		if w {
			t.Errorf("no discrepancy on %s", f)
		}
	}
	if d := aadhaarqr.CrossCheck(q, aadhaarqr.Claims{Source: "aadhaar_ocr", DOB: "1901"}); len(d) != 1 || d[0].Field != aadhaarqr.FieldDOB {
		t.Errorf("year-only DOB of another year: %+v", d)
	}
	if aadhaarqr.CrossCheck(nil, same) != nil {
		t.Error("nil payload")
	}
}
