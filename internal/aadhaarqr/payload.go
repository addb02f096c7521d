package aadhaarqr

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math/big"
	"strings"
)

// Kind says what a decoded QR text is.
type Kind string

// The kinds of QR text an Aadhaar card may carry, or not.
const (
	// KindSecureQR is UIDAI's signed Secure QR (2019 onwards): a big decimal number.
	KindSecureQR Kind = "SECURE_QR"
	// KindOldXML is the pre-2019 plain XML QR (<PrintLetterBarcodeData .../>): unsigned,
	// so worthless as evidence, and it holds the full Aadhaar number, which is
	// therefore never parsed.
	KindOldXML Kind = "OLD_XML"
	// KindOther is any other QR (a URL, text): not an Aadhaar QR at all.
	KindOther Kind = "OTHER"
)

// Classify tells the kind of a QR text without parsing it further.
func Classify(text string) Kind {
	t := strings.TrimSpace(text)
	switch {
	case t != "" && allDigits(t):
		return KindSecureQR
	case strings.HasPrefix(t, "<") && strings.Contains(t, "PrintLetterBarcodeData"):
		return KindOldXML
	default:
		return KindOther
	}
}

// Unpack turns a Secure QR's decimal text into the decompressed payload:
// decimal -> big-endian bytes -> gunzip, bounded by MaxQRText and MaxDecompressed.
func Unpack(text string) ([]byte, error) {
	t := strings.TrimSpace(text)
	if len(t) > MaxQRText {
		return nil, errorf(FindingTooLong, "%d characters", len(t))
	}
	if t == "" || !allDigits(t) {
		return nil, errorf(FindingNotGzip, "not a decimal number")
	}
	n, ok := new(big.Int).SetString(t, 10)
	if !ok {
		return nil, errorf(FindingNotGzip, "not a decimal number")
	}
	raw := n.Bytes()
	if len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
		return nil, errorf(FindingNotGzip, "no gzip header")
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, errorf(FindingTruncated, "gzip header cut")
		}
		return nil, errorf(FindingNotGzip, "%v", err)
	}
	zr.Multistream(false)
	out, err := io.ReadAll(io.LimitReader(zr, MaxDecompressed+1))
	switch {
	case len(out) > MaxDecompressed:
		return nil, errorf(FindingTooLarge, "inflates past %d bytes", MaxDecompressed)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errorf(FindingTruncated, "gzip stream cut after %d bytes", len(out))
	case err != nil:
		return nil, errorf(FindingNotGzip, "%v", err)
	}
	return out, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
