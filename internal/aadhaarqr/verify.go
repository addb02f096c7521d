package aadhaarqr

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"math/big"
)

// Signature is the outcome of verifying a Secure QR's signature.
type Signature string

// Outcomes of TrustStore.Verify.
const (
	// SignatureValid: a trusted certificate's key verifies the signature.
	SignatureValid Signature = "VALID"
	// SignatureInvalid: the signature was made by a trusted key, but over other
	// bytes: the payload was altered after UIDAI signed it.
	SignatureInvalid Signature = "INVALID"
	// SignatureUntrusted: no trusted key made this signature (another signer,
	// UIDAI's next key not yet in the store, or random bytes).
	SignatureUntrusted Signature = "UNTRUSTED"
)

// Verification is a verdict and, unless UNTRUSTED, the certificate whose key
// made the signature.
type Verification struct {
	Signature    Signature
	Signer       string // certificate subject
	SignerSHA256 string // sha256 of the certificate (DER), hex
}

// Verify checks an RSA-SHA256 (PKCS #1 v1.5) signature over signed.
//
// Telling INVALID from UNTRUSTED: the public operation on a signature made by
// a key gives that key's PKCS #1 v1.5 block, whose padding and SHA-256
// DigestInfo prefix are fixed; on a signature made by another key it gives
// random-looking bytes that have them with probability about 2^-1400. So a
// well-formed block whose digest differs means "trusted signer, altered
// bytes" (INVALID); no well-formed block under any trusted key means
// UNTRUSTED. The positive verdict itself comes from crypto/rsa.
func (t *TrustStore) Verify(signed, sig []byte) Verification {
	digest := sha256.Sum256(signed)
	for _, e := range t.entries {
		if rsa.VerifyPKCS1v15(e.key, crypto.SHA256, digest[:], sig) == nil {
			return Verification{Signature: SignatureValid, Signer: e.subject, SignerSHA256: e.sha256}
		}
	}
	for _, e := range t.entries {
		if madeBy(e.key, sig) {
			return Verification{Signature: SignatureInvalid, Signer: e.subject, SignerSHA256: e.sha256}
		}
	}
	return Verification{Signature: SignatureUntrusted}
}

// sha256DigestInfo is the DER prefix of a SHA-256 DigestInfo (RFC 8017, 9.2).
var sha256DigestInfo = []byte{0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20}

// madeBy reports whether sig opens under key to a well-formed PKCS #1 v1.5
// SHA-256 block (0x00 0x01 FF..FF 0x00 DigestInfo digest), whatever the digest.
func madeBy(key *rsa.PublicKey, sig []byte) bool {
	k := key.Size()
	if len(sig) != k {
		return false
	}
	s := new(big.Int).SetBytes(sig)
	if s.Cmp(key.N) >= 0 {
		return false
	}
	em := s.Exp(s, big.NewInt(int64(key.E)), key.N).FillBytes(make([]byte, k))
	tLen := len(sha256DigestInfo) + sha256.Size
	if k < tLen+11 || em[0] != 0 || em[1] != 1 || em[k-tLen-1] != 0 {
		return false
	}
	for _, b := range em[2 : k-tLen-1] {
		if b != 0xFF {
			return false
		}
	}
	return bytes.Equal(em[k-tLen:k-sha256.Size], sha256DigestInfo)
}
