// Package aadhaarqr reads UIDAI's Secure QR code from images of Aadhaar cards:
// it finds and decodes the QR symbol (gozxing, with a few preprocessing passes),
// parses the signed payload (both the first format and the "V2"-prefixed ones),
// verifies UIDAI's RSA-SHA256 signature against a trust store of certificates,
// and decodes the holder's JPEG2000 photo through libopenjp2 (a small cgo
// binding of our own).
//
// It is an engine: it knows nothing of HTTP, gRPC, SQL, sessions or review
// reasons. Problems with a QR (truncated, not gzip, a gzip bomb, a wrong field
// count, a corrupt or oversized photo) are returned as typed Findings, never as
// panics; every allocation is bounded by the caps in limits.go.
//
// What a VALID signature proves: UIDAI issued exactly these values (name, date
// of birth, gender, address, the last 4 digits of the Aadhaar number, photo,
// mobile/e-mail hashes). It does not prove that the person presenting the card
// is its holder (that is the face match's job), nor that the card is current.
//
// Privacy: the Secure QR carries only the last 4 digits of the Aadhaar number,
// and nothing here ever handles a full number.
package aadhaarqr
