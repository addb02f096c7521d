package kyc

import (
	"fmt"
	"strings"
)

// QRReading is what the card step measured of the Aadhaar Secure QR, stored with the card reading
// (ocr_result.aadhaarQr) for the decision (qrReasons) and for reviewers.
type QRReading struct {
	// Side is the Aadhaar side the QR was read from.
	Side DocType `json:"side,omitempty"`
	// Signature is VALID, INVALID or UNTRUSTED; empty when no Secure QR payload was parsed.
	Signature string `json:"signature,omitempty"`
	// Unreadable: a QR is visibly present (or a Secure QR was decoded) but its payload could not be read.
	Unreadable bool `json:"unreadable,omitempty"`
	// Findings are the engine's machine-readable findings (qr_unreadable, payload_truncated, photo_corrupt, ...).
	Findings []string `json:"findings,omitempty"`
	// Discrepancies are the values on which the QR and the card's OCR or the PAN disagree.
	Discrepancies []QRDiscrepancy `json:"discrepancies,omitempty"`
}

// QRDiscrepancy is one value on which the QR and another source disagree; Partial marks names that match in
// part only (initials, a missing word), which is not a mismatch.
type QRDiscrepancy struct {
	Field   string `json:"field"`  // name, dob, aadhaar_last4
	Source  string `json:"source"` // e.g. aadhaar_ocr, pan
	Partial bool   `json:"partial,omitempty"`
}

// The review reasons of the Secure QR.
const (
	ReasonQRSignatureInvalid = "aadhaar_qr_signature_invalid"
	ReasonQRUntrusted        = "aadhaar_qr_untrusted"
	ReasonQRMismatch         = "aadhaar_qr_mismatch"
	ReasonQRUnreadable       = "aadhaar_qr_unreadable"
)

// qrReasons is the Secure QR's part of the decision. No QR at all raises nothing (most cards in use may
// lack a readable one); a QR that cannot be read, whose signature does not verify, or whose signer is not
// trusted goes to a reviewer. Only a VALID QR's values are evidence, so only they can disagree with the cards:
// a mismatch on the name (a partial name match is not one), date of birth or last 4 digits is a reason.
func qrReasons(r *QRReading) []Reason {
	switch {
	case r == nil:
		return nil
	case r.Unreadable:
		return []Reason{{ReasonQRUnreadable, fmt.Sprintf("A QR code on the Aadhaar card could not be read (%s).",
			strings.Join(r.Findings, ", "))}}
	case r.Signature == QRSignatureInvalid:
		return []Reason{{ReasonQRSignatureInvalid,
			"The Aadhaar Secure QR's signature does not match its contents: the QR data was altered after UIDAI signed it."}}
	case r.Signature == QRSignatureUntrusted:
		return []Reason{{ReasonQRUntrusted,
			"The Aadhaar Secure QR is not signed by a trusted UIDAI certificate (another signer, or a UIDAI certificate not yet configured)."}}
	case r.Signature != QRSignatureValid:
		return nil
	}
	var what []string
	for _, d := range r.Discrepancies {
		if !d.Partial {
			what = append(what, d.Field+" ("+d.Source+")")
		}
	}
	if len(what) == 0 {
		return nil
	}
	return []Reason{{ReasonQRMismatch, "The signed Aadhaar QR disagrees with the cards on: " + strings.Join(what, ", ") + "."}}
}
