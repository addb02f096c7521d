package pipeline

import (
	"testing"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// TestSecureQRMeasurement: what the card step hands kyc for each kit variant read from QR text: the
// signature verdict, the values shown, the hash checks, the photo, and the discrepancies with the cards.
func TestSecureQRMeasurement(t *testing.T) {
	signer, err := cardkit.QRTestSigner()
	if err != nil {
		t.Fatal(err)
	}
	ts, err := aadhaarqr.NewTrustStore(signer.Cert)
	if err != nil {
		t.Fatal(err)
	}
	rd := aadhaarqr.NewWithTrust(ts)
	p := cardkit.NewSample(7, 0).Person
	var cardsRead reader.Reading
	cardsRead.PAN.Name.Value, cardsRead.PAN.DOB.Value = p.Name, "1901-01-01" // the PAN's date differs

	for _, c := range []struct {
		variant  cardkit.QRVariant
		sig      string
		mismatch bool
	}{
		{cardkit.QRValid, kyc.QRSignatureValid, true},
		{cardkit.QRTampered, kyc.QRSignatureInvalid, true},
		{cardkit.QRUntrusted, kyc.QRSignatureUntrusted, true},
	} {
		t.Run(string(c.variant), func(t *testing.T) {
			text, err := cardkit.SecureQRText(p, cardkit.QROptions{Variant: c.variant, Mobile: "9876543210"})
			if err != nil {
				t.Fatal(err)
			}
			side := qrSide{side: kyc.DocAadhaarBack, res: rd.ReadText(text)}
			picked := pickQR(qrSide{side: kyc.DocAadhaarFront}, side)
			if picked == nil || picked.side != kyc.DocAadhaarBack {
				t.Fatalf("picked %+v", picked)
			}
			shown, reading, photo := secureQR(picked, cardsRead, "+91 98765 43210", "")
			if shown == nil || shown.Signature != c.sig || reading.Signature != c.sig || reading.Unreadable {
				t.Fatalf("shown %+v reading %+v", shown, reading)
			}
			if shown.DateOfBirth != p.DOBISO() || shown.AadhaarLast4 != p.Aadhaar[8:] || shown.PinCode != p.PIN {
				t.Errorf("values %+v", shown)
			}
			if shown.PhoneVerified == nil || !*shown.PhoneVerified || shown.EmailVerified != nil {
				t.Errorf("hash checks phone %v email %v", shown.PhoneVerified, shown.EmailVerified)
			}
			if !shown.HasPhoto || photo == nil || len(photo.PNG) == 0 || photo.Width == 0 {
				t.Errorf("photo %v", photo)
			}
			found := false
			for _, d := range reading.Discrepancies {
				found = found || (d.Field == aadhaarqr.FieldDOB && d.Source == "pan" && !d.Partial)
			}
			if found != c.mismatch {
				t.Errorf("discrepancies %+v", reading.Discrepancies)
			}
		})
	}
}

// TestPickQR: a VALID QR wins over another, a parsed one over an unreadable one, and sides with no QR or a
// QR of another kind give nothing; an unreadable QR alone is reported as such.
func TestPickQR(t *testing.T) {
	valid := qrSide{side: kyc.DocAadhaarFront, res: aadhaarqr.Result{Found: true, Kind: aadhaarqr.KindSecureQR,
		Payload: &aadhaarqr.Payload{}, Verification: aadhaarqr.Verification{Signature: aadhaarqr.SignatureValid}}}
	invalid := qrSide{side: kyc.DocAadhaarBack, res: aadhaarqr.Result{Found: true, Kind: aadhaarqr.KindSecureQR,
		Payload: &aadhaarqr.Payload{}, Verification: aadhaarqr.Verification{Signature: aadhaarqr.SignatureInvalid}}}
	unreadable := qrSide{side: kyc.DocAadhaarBack, res: aadhaarqr.Result{Findings: []aadhaarqr.Finding{aadhaarqr.FindingUnreadable}}}
	url := qrSide{side: kyc.DocAadhaarBack, res: aadhaarqr.Result{Found: true, Kind: aadhaarqr.KindOther}}
	none := qrSide{side: kyc.DocAadhaarFront}
	if got := pickQR(invalid, valid); got == nil || got.side != kyc.DocAadhaarFront {
		t.Errorf("valid vs invalid: %+v", got)
	}
	if got := pickQR(unreadable, invalid); got == nil || got.res.Payload == nil {
		t.Errorf("parsed vs unreadable: %+v", got)
	}
	if got := pickQR(url, none); got != nil {
		t.Errorf("no Aadhaar QR: %+v", got)
	}
	got := pickQR(unreadable, none)
	if got == nil {
		t.Fatal("unreadable QR not reported")
	}
	if _, reading, _ := secureQR(got, reader.Reading{}, "", ""); reading == nil || !reading.Unreadable {
		t.Errorf("reading %+v", reading)
	}
}
