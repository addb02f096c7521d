package aadhaarqr_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// The kit's variants give the three verdicts; the test certificate expired in
// 2021 and still verifies (validity periods are not checked).
func TestVerifyVariants(t *testing.T) {
	rd := trusting(t)
	for v, want := range map[cardkit.QRVariant]aadhaarqr.Signature{
		cardkit.QRValid:     aadhaarqr.SignatureValid,
		cardkit.QRTampered:  aadhaarqr.SignatureInvalid,
		cardkit.QRUntrusted: aadhaarqr.SignatureUntrusted,
	} {
		for _, format := range []int{1, 2} {
			res := rd.ReadText(kitText(t, cardkit.QROptions{Variant: v, Format: format}))
			if res.Signature() != want {
				t.Errorf("%s format %d: %s, want %s", v, format, res.Signature(), want)
			}
			if want == aadhaarqr.SignatureUntrusted && res.Verification.Signer != "" {
				t.Errorf("untrusted with a signer %q", res.Verification.Signer)
			}
			if want != aadhaarqr.SignatureUntrusted && res.Verification.SignerSHA256 == "" {
				t.Errorf("%s: no signer fingerprint", v)
			}
		}
	}
}

// Any single changed byte of the signed part, in any field, makes the QR INVALID.
func TestVerifyEveryByteMatters(t *testing.T) {
	rd := trusting(t)
	good := kitPayload(t, cardkit.QROptions{Mobile: "9876543210", Email: "x@example.org"})
	for i := 0; i < len(good)-aadhaarqr.SignatureSize; i += 37 {
		b := append([]byte(nil), good...)
		b[i] ^= 0x01
		p, err := aadhaarqr.ParseDecompressed(b)
		if err != nil {
			continue // the flip broke the structure: a finding, tested elsewhere
		}
		ts := trustStore(t)
		if got := ts.Verify(p.Signed, p.Signature).Signature; got != aadhaarqr.SignatureInvalid {
			t.Fatalf("byte %d flipped: %s", i, got)
		}
	}
	if res := rd.ReadText(qrText(good)); res.Signature() != aadhaarqr.SignatureValid {
		t.Fatalf("unchanged: %s", res.Signature())
	}
}

func trustStore(t *testing.T) *aadhaarqr.TrustStore {
	s, err := cardkit.QRTestSigner()
	if err != nil {
		t.Fatal(err)
	}
	ts, err := aadhaarqr.NewTrustStore(s.Cert)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// KYC_AADHAAR_QR_CERTS: PEM and DER files are both loaded and trusted; a
// missing or garbage file fails loudly.
func TestLoadTrustStoreFiles(t *testing.T) {
	dir := t.TempDir()
	pemPath := filepath.Join(dir, "test.pem")
	if err := cardkit.WriteQRTestCert(pemPath); err != nil {
		t.Fatal(err)
	}
	s, _ := cardkit.QRUntrustedSigner()
	derPath := filepath.Join(dir, "other.cer")
	if err := os.WriteFile(derPath, s.Cert.Raw, 0o600); err != nil {
		t.Fatal(err)
	}
	builtin, err := aadhaarqr.BuiltinCerts()
	if err != nil {
		t.Fatal(err)
	}
	rd, err := aadhaarqr.New(aadhaarqr.Config{CertFiles: []string{pemPath, " " + derPath}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []cardkit.QRVariant{cardkit.QRValid, cardkit.QRUntrusted} {
		if got := rd.ReadText(kitText(t, cardkit.QROptions{Variant: v})).Signature(); got != aadhaarqr.SignatureValid {
			t.Errorf("%s with both certificates loaded: %s", v, got)
		}
	}
	ts, _ := aadhaarqr.LoadTrustStore(pemPath + "," + derPath)
	if ts.Len() != len(builtin)+2 {
		t.Errorf("store holds %d certificates, want %d", ts.Len(), len(builtin)+2)
	}
	garbage := filepath.Join(dir, "garbage.pem")
	_ = os.WriteFile(garbage, []byte("not a certificate"), 0o600)
	for _, bad := range []string{filepath.Join(dir, "missing.pem"), garbage} {
		if _, err := aadhaarqr.LoadTrustStore(bad); err == nil {
			t.Errorf("LoadTrustStore(%s) succeeded", bad)
		}
	}
	// Without the test certificate the kit's valid QR is only UNTRUSTED.
	plain, err := aadhaarqr.New(aadhaarqr.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got := plain.ReadText(kitText(t, cardkit.QROptions{})).Signature(); got != aadhaarqr.SignatureUntrusted {
		t.Errorf("built-in store only: %s, want UNTRUSTED", got)
	}
}
