package aadhaarqr_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/enxtai/kyc/internal/aadhaarqr"
)

// TestBuiltinUIDAICertificates pins the shipped UIDAI certificates to the
// fingerprints cross-checked in certs/PROVENANCE.md: a changed, added or
// dropped file fails here, and each must be a UIDAI RSA-2048 key.
func TestBuiltinUIDAICertificates(t *testing.T) {
	want := map[string]string{
		"e0f0f869d32efc7e80fae2223717a56dcf8b616f820b542a49e5bd5abf1c0f7d": "2021 DS 05",
		"00573c692cf04fbee113ae5fd52f2a654d361bf8ee4d06c46008906b36df8169": "2024 DS 05",
		"e0304b9e61ee3640ecddae2db4b617f2e2678f57dbc2826c2f86ac5c04f277df": "2026 DS 06",
	}
	certs, err := aadhaarqr.BuiltinCerts()
	if err != nil {
		t.Fatal(err)
	}
	if len(certs) != len(want) {
		t.Fatalf("%d built-in certificates, PROVENANCE.md lists %d", len(certs), len(want))
	}
	for _, c := range certs {
		sum := sha256.Sum256(c.Raw)
		fp := hex.EncodeToString(sum[:])
		if _, ok := want[fp]; !ok {
			t.Errorf("certificate %q (sha256 %s) is not in PROVENANCE.md", c.Subject.CommonName, fp)
		}
		if !strings.EqualFold(c.Subject.Organization[0], "UNIQUE IDENTIFICATION AUTHORITY OF INDIA") {
			t.Errorf("certificate %s: organisation %q", fp, c.Subject.Organization)
		}
		delete(want, fp)
	}
	ts, err := aadhaarqr.LoadTrustStore("")
	if err != nil || ts.Len() != 3 {
		t.Fatalf("trust store of the built-ins: %v, %d entries", err, ts.Len())
	}
}
