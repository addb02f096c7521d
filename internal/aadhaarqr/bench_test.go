package aadhaarqr_test

import (
	"context"
	"testing"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

func BenchmarkParse(b *testing.B) {
	text := kitText(b, cardkit.QROptions{Mobile: "9876543210"})
	for b.Loop() {
		if _, err := aadhaarqr.Parse(text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	p, err := aadhaarqr.Parse(kitText(b, cardkit.QROptions{}))
	if err != nil {
		b.Fatal(err)
	}
	s, _ := cardkit.QRTestSigner()
	ts, _ := aadhaarqr.NewTrustStore(s.Cert)
	for b.Loop() {
		if ts.Verify(p.Signed, p.Signature).Signature != aadhaarqr.SignatureValid {
			b.Fatal("not valid")
		}
	}
}

func BenchmarkDecodePhoto(b *testing.B) {
	photo := kitPhoto(b)
	for b.Loop() {
		if _, err := aadhaarqr.DecodePhoto(photo); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadImageBack(b *testing.B) {
	img, err := cardkit.RenderAadhaarBackQR(person(), cardkit.QROptions{})
	if err != nil {
		b.Fatal(err)
	}
	rd := trusting(b)
	for b.Loop() {
		if res, _ := rd.ReadImage(context.Background(), img); res.Signature() != aadhaarqr.SignatureValid {
			b.Fatal("not valid")
		}
	}
}

func BenchmarkReadImageNoQR(b *testing.B) {
	img := cardkit.RenderAadhaarFront(person(), nil)
	rd := trusting(b)
	for b.Loop() {
		if res, _ := rd.ReadImage(context.Background(), img); res.Found {
			b.Fatal("found")
		}
	}
}
