package aadhaarqr_test

import (
	"bytes"
	"compress/gzip"
	"math/big"
	"testing"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// person is the kit's first sample: fixed values for every test.
func person() cardkit.Person { return cardkit.NewSample(7, 3).Person }

// trusting is a reader that trusts the kit's test signer only.
func trusting(t testing.TB) *aadhaarqr.Reader {
	t.Helper()
	s, err := cardkit.QRTestSigner()
	if err != nil {
		t.Fatal(err)
	}
	ts, err := aadhaarqr.NewTrustStore(s.Cert)
	if err != nil {
		t.Fatal(err)
	}
	return aadhaarqr.NewWithTrust(ts)
}

// qrText gzips b and writes it as the decimal number a Secure QR holds.
func qrText(b []byte) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return new(big.Int).SetBytes(buf.Bytes()).String()
}

func kitText(t testing.TB, o cardkit.QROptions) string {
	t.Helper()
	s, err := cardkit.SecureQRText(person(), o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func kitPayload(t testing.TB, o cardkit.QROptions) []byte {
	t.Helper()
	b, err := cardkit.SecureQRPayload(person(), o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
