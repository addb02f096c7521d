package kyc

import (
	"strings"

	"github.com/enxtai/kyc/internal/cards"
)

// The Secure QR's signature verdicts, as the engine (internal/aadhaarqr) names them.
const (
	QRSignatureValid     = "VALID"
	QRSignatureInvalid   = "INVALID"
	QRSignatureUntrusted = "UNTRUSTED"
)

// AadhaarQR is the Aadhaar Secure QR as the API shows it in extractedData.aadhaarQr: what the QR says, whatever
// its signature (only a VALID one makes the values evidence), and whether the phone and e-mail given at
// initiate match the QR's hashes (nil: the QR has no such hash, or none was given). Its JSON, stored and sent
// in webhooks as it is, has REST's shape: every key always present, in the proto's order, unknown as null.
type AadhaarQR struct {
	Signature     string `json:"signature"`
	Name          string `json:"name"`
	DateOfBirth   string `json:"dateOfBirth"` // YYYY-MM-DD
	Gender        string `json:"gender"`      // MALE, FEMALE or TRANSGENDER
	Address       string `json:"address"`
	PinCode       string `json:"pinCode"`
	AadhaarLast4  string `json:"aadhaarLast4"`
	HasPhoto      bool   `json:"hasPhoto"`
	PhoneVerified *bool  `json:"phoneVerified"`
	EmailVerified *bool  `json:"emailVerified"`
}

// WithSignedQR adds the QR to the extracted data and, when its signature is VALID, lets its signed values
// replace what OCR read wrongly or not at all: the name (unless the names match by the cards' rules), the date
// of birth and the address. The masked Aadhaar number stays OCR's when OCR read all 12 digits
// (ocrFullNumber); otherwise it is built from the QR's last 4. The full number is never known here.
func (d ExtractedData) WithSignedQR(qr *AadhaarQR, ocrFullNumber bool) ExtractedData {
	if qr == nil {
		return d
	}
	d.AadhaarQR = qr
	if qr.Signature != QRSignatureValid {
		return d
	}
	if qr.Name != "" && (d.FullName == "" || cards.CompareNames(qr.Name, d.FullName).Verdict != cards.NamesMatch) {
		d.FullName = qr.Name
	}
	if len(qr.DateOfBirth) == len("2006-01-02") && d.DateOfBirth != qr.DateOfBirth {
		d.DateOfBirth = qr.DateOfBirth
	}
	if qr.Address != "" && squash(d.Address) != squash(qr.Address) {
		d.Address = qr.Address
	}
	if !ocrFullNumber && len(qr.AadhaarLast4) == 4 {
		d.AadhaarNumber = "XXXX XXXX " + qr.AadhaarLast4
	}
	return d
}

// squash keeps letters and digits, lower case: OCR and the QR punctuate addresses differently.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, s)
}
