package cardkit

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"math/big"
	"strings"
	"time"
)

// QRVariant names how a rendered Secure QR differs from a genuine one.
type QRVariant string

// The Secure QR variants of the issue.
const (
	QRValid      QRVariant = "valid"      // signed by the trusted test key
	QRTampered   QRVariant = "tampered"   // one byte of the name changed after signing
	QRUntrusted  QRVariant = "untrusted"  // signed by a key no trust store holds
	QRUnreadable QRVariant = "unreadable" // a quarter of the symbol cut away: finders visible, data lost
)

// QRVariants lists them in a stable order.
var QRVariants = []QRVariant{QRValid, QRTampered, QRUntrusted, QRUnreadable}

// QROptions shapes one Secure QR.
type QROptions struct {
	Variant QRVariant // default QRValid
	// Format is 1 for the first (2019) format, 2 (default) for "V2".
	Format int
	// Face is the holder photo put into the QR as JPEG2000 (nil: a silhouette);
	// NoPhoto leaves the photo out (the first format allowed it).
	Face    image.Image
	NoPhoto bool
	// Mobile and Email, when set, are hashed into the payload as UIDAI does.
	Mobile, Email string
	// Timestamp is the signing time in the reference id (default 2023-04-05 10:20:30.456 IST).
	Timestamp time.Time
}

// SecureQRPayload returns the decompressed, signed payload in UIDAI's layout:
// [V2 0xFF] indicator, reference id (last 4 + YYYYMMDDHHMMSSmmm), name, DOB
// (DD-MM-YYYY), gender (M/F), care-of, district, landmark, house, location,
// PIN, post office, state, street, sub-district, VTC, [V2: mobile last 4],
// each followed by 0xFF; then the JPEG2000 photo, the e-mail hash and the
// mobile hash (each when present), and the 256-byte signature of all before it.
func SecureQRPayload(p Person, o QROptions) ([]byte, error) {
	signer, err := QRTestSigner()
	if o.Variant == QRUntrusted {
		signer, err = QRUntrustedSigner()
	}
	if err != nil {
		return nil, err
	}
	body, nameAt, err := qrBody(p, o)
	if err != nil {
		return nil, err
	}
	sig, err := signer.Sign(body)
	if err != nil {
		return nil, err
	}
	if o.Variant == QRTampered && nameAt >= 0 {
		body[nameAt] = tamperLetter(body[nameAt]) // after signing: the signature no longer matches
	}
	return append(body, sig...), nil
}

// SecureQRText is the QR's content: the gzipped payload as one decimal number.
func SecureQRText(p Person, o QROptions) (string, error) {
	payload, err := SecureQRPayload(p, o)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(payload) // writing to a bytes.Buffer does not fail
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("cardkit: gzip QR: %w", err)
	}
	return new(big.Int).SetBytes(buf.Bytes()).String(), nil
}

func qrBody(p Person, o QROptions) (body []byte, nameAt int, err error) {
	ts := o.Timestamp
	if ts.IsZero() {
		ts = time.Date(2023, 4, 5, 10, 20, 30, 456e6, time.FixedZone("IST", 19800))
	}
	indicator := 0
	if o.Email != "" {
		indicator |= 1
	}
	if o.Mobile != "" {
		indicator |= 2
	}
	ref := p.AadhaarLast4() + ts.Format("20060102150405") + fmt.Sprintf("%03d", ts.Nanosecond()/1e6)
	house, street, locality, city, state := splitAddress(p.Address)
	fields := []string{
		fmt.Sprint(indicator), ref, p.Name, strings.ReplaceAll(p.DOB, "/", "-"), string(p.Gender)[:1],
		p.CareOf() + ": " + p.FatherName, city, "", house, locality, p.PIN, city, state, street, "", city,
	}
	if o.Format != 1 {
		mobile4 := ""
		if len(o.Mobile) >= 4 {
			mobile4 = o.Mobile[len(o.Mobile)-4:]
		}
		fields = append(append([]string{"V2"}, fields...), mobile4)
	}
	nameAt = -1
	for _, f := range fields {
		if f == p.Name && nameAt < 0 && p.Name != "" {
			nameAt = len(body)
		}
		body = append(append(body, f...), 0xFF)
	}
	if !o.NoPhoto {
		photo, err := EncodeJ2K(qrPhoto(o.Face))
		if err != nil {
			return nil, 0, err
		}
		body = append(body, photo...)
	}
	last := p.Aadhaar[len(p.Aadhaar)-1] - '0'
	if o.Email != "" {
		body = append(body, uidaiHash(o.Email, last)...)
	}
	if o.Mobile != "" {
		body = append(body, uidaiHash(o.Mobile, last)...)
	}
	return body, nameAt, nil
}

// uidaiHash is the mobile/e-mail hash of the Secure QR: SHA-256 of the value,
// then of the previous hash's lowercase hex, as many times in all as the last
// digit of the Aadhaar number (once for 0 and 1). Written independently of the
// reader's check so that one bug cannot hide in both.
func uidaiHash(value string, lastDigit byte) []byte {
	n := int(lastDigit)
	if n < 1 {
		n = 1
	}
	sum := sha256.Sum256([]byte(value))
	for i := 1; i < n; i++ {
		sum = sha256.Sum256([]byte(hex.EncodeToString(sum[:])))
	}
	return sum[:]
}

// splitAddress takes the kit's "house, street, locality, city, State - PIN"
// (a flat adds its building as a second part) apart for the QR's fields.
func splitAddress(addr string) (house, street, locality, city, state string) {
	parts := strings.Split(addr, ", ")
	if n := len(parts); n >= 5 {
		state = strings.TrimSpace(strings.SplitN(parts[n-1], " - ", 2)[0])
		city, locality, street = parts[n-2], parts[n-3], parts[n-4]
		house = strings.Join(parts[:n-4], ", ")
	}
	return
}

// tamperLetter changes a letter to another letter, so the field count and the
// text's validity stay intact and only the signature can tell.
func tamperLetter(b byte) byte {
	if b == 'X' || b == 'x' {
		return b - 1
	}
	return b + 1
}
