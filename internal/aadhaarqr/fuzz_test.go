package aadhaarqr_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// Seeds: the kit's payloads in both formats with and without photo and hashes.
func payloadSeeds(f *testing.F) [][]byte {
	var out [][]byte
	for _, o := range []cardkit.QROptions{
		{}, {Format: 1}, {NoPhoto: true, Mobile: "9876543210", Email: "a@b.in"}, {Format: 1, NoPhoto: true, Email: "a@b.in"},
	} {
		out = append(out, kitPayload(f, o))
	}
	return out
}

// FuzzParseDecompressed: any bytes give a payload or a typed finding; a
// payload always accounts for every input byte.
func FuzzParseDecompressed(f *testing.F) {
	for _, s := range payloadSeeds(f) {
		f.Add(s)
	}
	f.Add([]byte("V2\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := aadhaarqr.ParseDecompressed(b)
		if err != nil {
			var fe *aadhaarqr.Error
			if !errors.As(err, &fe) || fe.Finding == "" {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if !bytes.Equal(append(append([]byte(nil), p.Signed...), p.Signature...), b) {
			t.Fatal("Signed+Signature is not the input")
		}
		if len(p.AadhaarLast4) != 4 || p.Indicator < 0 || p.Indicator > 3 {
			t.Fatalf("last4 %q indicator %d", p.AadhaarLast4, p.Indicator)
		}
		if p.DOB != "" {
			if _, err := time.Parse(time.DateOnly, p.DOB); err != nil {
				t.Fatalf("DOB %q", p.DOB)
			}
		}
		if (p.MobileHash != nil && len(p.MobileHash) != aadhaarqr.HashSize) || (p.EmailHash != nil && len(p.EmailHash) != aadhaarqr.HashSize) {
			t.Fatal("hash size")
		}
	})
}

// FuzzParse: the decimal text path (big number, gunzip with its cap).
func FuzzParse(f *testing.F) {
	for _, s := range payloadSeeds(f) {
		f.Add(qrText(s))
	}
	f.Add("0")
	f.Add("https://example.org")
	f.Fuzz(func(t *testing.T, text string) {
		_, err := aadhaarqr.Parse(text)
		var fe *aadhaarqr.Error
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("untyped error %v", err)
		}
	})
}

// FuzzDecodePhoto: libopenjp2 through our binding on arbitrary bytes: an
// image within the caps or a typed finding, never a crash.
func FuzzDecodePhoto(f *testing.F) {
	_, j2k := testPhoto(f)
	f.Add(j2k)
	f.Add(kitPhoto(f))
	f.Add([]byte{0xff, 0x4f, 0xff, 0x51})
	f.Fuzz(func(t *testing.T, b []byte) {
		img, err := aadhaarqr.DecodePhoto(b)
		if err != nil {
			var fe *aadhaarqr.Error
			if !errors.As(err, &fe) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if r := img.Bounds(); r.Dx()*r.Dy() > aadhaarqr.MaxPhotoPixels || r.Empty() {
			t.Fatalf("image %v", r)
		}
	})
}

func kitPhoto(t testing.TB) []byte {
	p, err := aadhaarqr.ParseDecompressed(kitPayload(t, cardkit.QROptions{}))
	if err != nil {
		t.Fatal(err)
	}
	return p.Photo
}
