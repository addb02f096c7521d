package aadhaarqr

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strings"
)

// HashCheck is the outcome of comparing a claimed mobile number or e-mail
// with the hash in a Secure QR.
type HashCheck int

// Outcomes of CheckMobile and CheckEmail.
const (
	// HashUnknown: the QR carries no such hash, or no value was given (API: null).
	HashUnknown HashCheck = iota
	// HashMatch: the value is the one registered with UIDAI when the QR was made.
	HashMatch
	// HashNoMatch: a hash is present and the value is not it.
	HashNoMatch
)

// Verified is the API's three-valued form: nil when unknown.
func (h HashCheck) Verified() *bool {
	if h == HashUnknown {
		return nil
	}
	v := h == HashMatch
	return &v
}

// CheckMobile compares a mobile number (a 10-digit Indian number; "+91", a
// leading 0, spaces and dashes are removed first) with the QR's mobile hash.
func (p *Payload) CheckMobile(mobile string) HashCheck {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, mobile)
	switch {
	case len(digits) == 12 && strings.HasPrefix(digits, "91"):
		digits = digits[2:]
	case len(digits) == 11 && digits[0] == '0':
		digits = digits[1:]
	}
	if len(digits) != 10 {
		return p.check(p.MobileHash, nil)
	}
	return p.check(p.MobileHash, []string{digits})
}

// CheckEmail compares an e-mail address with the QR's e-mail hash, as given
// (trimmed) and in lower case (UIDAI does not document a normalisation).
func (p *Payload) CheckEmail(email string) HashCheck {
	e := strings.TrimSpace(email)
	if e == "" {
		return p.check(p.EmailHash, nil)
	}
	return p.check(p.EmailHash, []string{e, strings.ToLower(e)})
}

func (p *Payload) check(hash []byte, candidates []string) HashCheck {
	if len(hash) != HashSize || len(candidates) == 0 || len(p.AadhaarLast4) != 4 {
		return HashUnknown
	}
	rounds := int(p.AadhaarLast4[3] - '0')
	for _, c := range candidates {
		if subtle.ConstantTimeCompare(UIDAIHash(c, rounds), hash) == 1 {
			return HashMatch
		}
	}
	return HashNoMatch
}

// UIDAIHash is the Secure QR's mobile/e-mail hash: SHA-256 of the value, then
// SHA-256 of the previous digest's lowercase hex, `rounds` times in all, where
// rounds is the last digit of the Aadhaar number (0 and 1 both mean once).
// Only 10^10 mobile numbers exist, so this hash hides nothing from someone
// holding the QR: treat it as personal data like the number itself.
func UIDAIHash(value string, rounds int) []byte {
	sum := sha256.Sum256([]byte(value))
	for i := 1; i < rounds; i++ {
		sum = sha256.Sum256([]byte(hex.EncodeToString(sum[:])))
	}
	return sum[:]
}
