package aadhaarqr

import "fmt"

// Finding is a machine-readable problem found while reading a QR. The
// pipeline maps findings to review reasons; the engine only names them.
type Finding string

// Findings of the payload, the signature and the photo.
const (
	// FindingUnreadable: a QR symbol is visibly present (finder patterns
	// located) but no pass could decode it (cropped, blurred, too small).
	FindingUnreadable Finding = "qr_unreadable"
	// FindingTooLong: the QR text is longer than any QR symbol can hold.
	FindingTooLong Finding = "qr_text_too_long"
	// FindingTruncated: the payload ends before its fields, hashes and
	// signature (a cut gzip stream, or fewer bytes than the signature needs).
	FindingTruncated Finding = "payload_truncated"
	// FindingNotGzip: the digits do not form a gzip stream.
	FindingNotGzip Finding = "payload_not_gzip"
	// FindingTooLarge: the gzip stream inflates past MaxDecompressed (a bomb).
	FindingTooLarge Finding = "payload_too_large"
	// FindingFieldCount: fewer 0xFF-separated fields than the format has.
	FindingFieldCount Finding = "payload_field_count"
	// FindingBadIndicator: the e-mail/mobile indicator is not 0-3.
	FindingBadIndicator Finding = "payload_bad_indicator"
	// FindingBadReference: the reference id does not start with 4 digits.
	FindingBadReference Finding = "payload_bad_reference_id"
	// FindingBadDate: the date of birth is not DD-MM-YYYY or DD/MM/YYYY.
	FindingBadDate Finding = "payload_bad_date"
	// FindingPhotoCorrupt: the photo is not a decodable JPEG2000 image.
	FindingPhotoCorrupt Finding = "photo_corrupt"
	// FindingPhotoTooLarge: the photo declares more pixels or components than
	// MaxPhotoPixels/MaxPhotoComponents (refused before decoding).
	FindingPhotoTooLarge Finding = "photo_too_large"
)

// Error is a failure that carries its Finding, so callers branch with
// errors.As instead of matching text.
type Error struct {
	Finding Finding
	Detail  string
}

func (e *Error) Error() string { return fmt.Sprintf("aadhaarqr: %s: %s", e.Finding, e.Detail) }

func errorf(f Finding, format string, args ...any) *Error {
	return &Error{Finding: f, Detail: fmt.Sprintf(format, args...)}
}
