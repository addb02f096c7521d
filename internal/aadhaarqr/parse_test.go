package aadhaarqr_test

import (
	"bytes"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

func TestParseBothFormats(t *testing.T) {
	p := person()
	for _, tc := range []struct {
		name    string
		opts    cardkit.QROptions
		version int
		mobile4 string
	}{
		{"first format, photo, no hashes", cardkit.QROptions{Format: 1}, 1, ""},
		{"V2, photo, both hashes", cardkit.QROptions{Mobile: "9876543210", Email: "a@example.org"}, 2, "3210"},
		{"V2, no photo, mobile only", cardkit.QROptions{NoPhoto: true, Mobile: "9123456789"}, 2, "6789"},
		{"first format, e-mail only", cardkit.QROptions{Format: 1, Email: "b@example.org"}, 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := aadhaarqr.Parse(kitText(t, tc.opts))
			if err != nil {
				t.Fatal(err)
			}
			want := aadhaarqr.Address{}
			if got.Version != tc.version || got.MobileLast4 != tc.mobile4 {
				t.Errorf("version %d mobile4 %q, want %d %q", got.Version, got.MobileLast4, tc.version, tc.mobile4)
			}
			if got.Name != p.Name || got.DOB != p.DOBISO() || got.Gender != string(p.Gender) || got.AadhaarLast4 != p.AadhaarLast4() {
				t.Errorf("values %q %q %q %q, want %q %q %q %q", got.Name, got.DOB, got.Gender, got.AadhaarLast4,
					p.Name, p.DOBISO(), p.Gender, p.AadhaarLast4())
			}
			if got.Address == want || got.Address.String() != p.Address || got.Address.PinCode != p.PIN {
				t.Errorf("address %q (PIN %q), want %q", got.Address.String(), got.Address.PinCode, p.Address)
			}
			if !strings.HasPrefix(got.Address.CareOf, p.CareOf()) {
				t.Errorf("care of %q", got.Address.CareOf)
			}
			wantTS := time.Date(2023, 4, 5, 10, 20, 30, 0, time.FixedZone("IST", 19800))
			if !got.Timestamp.Equal(wantTS) {
				t.Errorf("timestamp %v, want %v", got.Timestamp, wantTS)
			}
			if hasPhoto := len(got.Photo) > 0; hasPhoto == tc.opts.NoPhoto {
				t.Errorf("photo %d bytes, NoPhoto %v", len(got.Photo), tc.opts.NoPhoto)
			}
			if (got.EmailHash != nil) != (tc.opts.Email != "") || (got.MobileHash != nil) != (tc.opts.Mobile != "") {
				t.Errorf("hashes e-mail %x mobile %x", got.EmailHash, got.MobileHash)
			}
			if len(got.Signature) != aadhaarqr.SignatureSize {
				t.Errorf("signature %d bytes", len(got.Signature))
			}
		})
	}
}

func TestClassify(t *testing.T) {
	for text, want := range map[string]aadhaarqr.Kind{
		"https://example.org/verify?id=1": aadhaarqr.KindOther,
		`<?xml version="1.0" encoding="UTF-8"?><PrintLetterBarcodeData uid="999999999999" name="X"/>`: aadhaarqr.KindOldXML,
		"1234567890": aadhaarqr.KindSecureQR,
		"":           aadhaarqr.KindOther,
		"12 34":      aadhaarqr.KindOther,
	} {
		if got := aadhaarqr.Classify(text); got != want {
			t.Errorf("Classify(%.30q) = %s, want %s", text, got, want)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{
		"23-11-1957": "1957-11-23", "01/02/2000": "2000-02-01", "31-02-2000": "", "1957": "",
		"23-11/1957": "", "2000-01-02": "", "": "",
	} {
		got, ok := aadhaarqr.NormalizeDate(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormalizeDate(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
}

// Every kind of broken payload gives its own finding, never a panic.
func TestBadPayloads(t *testing.T) {
	good := kitPayload(t, cardkit.QROptions{Mobile: "9876543210"})
	gz := []byte(qrText(good))
	gzBytes, _ := new(big.Int).SetString(string(gz), 10)
	cut := gzBytes.Bytes()[:len(gzBytes.Bytes())/2]
	bomb := bytes.Repeat([]byte{'A'}, aadhaarqr.MaxDecompressed+1)
	fewFields := append(bytes.Repeat([]byte("x\xff"), 5), make([]byte, 300)...)
	badIndicator := bytes.Replace(good, []byte("V2\xff2\xff"), []byte("V2\xff7\xff"), 1) // mobile only (2) -> 7
	for _, tc := range []struct {
		name string
		text string
		want aadhaarqr.Finding
	}{
		{"truncated gzip", new(big.Int).SetBytes(cut).String(), aadhaarqr.FindingTruncated},
		{"not gzip", "123456789012345678901234567890", aadhaarqr.FindingNotGzip},
		{"gzip bomb", qrText(bomb), aadhaarqr.FindingTooLarge},
		{"shorter than a signature", qrText([]byte("V2\xff3\xff")), aadhaarqr.FindingTruncated},
		{"too few fields", qrText(fewFields), aadhaarqr.FindingFieldCount},
		{"bad indicator", qrText(badIndicator), aadhaarqr.FindingBadIndicator},
		{"too long for a QR", strings.Repeat("1", aadhaarqr.MaxQRText+1), aadhaarqr.FindingTooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := aadhaarqr.Parse(tc.text)
			var fe *aadhaarqr.Error
			if !errors.As(err, &fe) || fe.Finding != tc.want {
				t.Fatalf("err = %v, want finding %s", err, tc.want)
			}
		})
	}
}
