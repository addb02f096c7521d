package imagecheck

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// Sentinel errors. The API layer maps them with errors.Is; the messages are the sentences shown to clients (hence
// capitals and full stops, against the usual Go style for error strings).
var (
	// ErrUnsupportedType: the bytes are not a JPEG or PNG (or a JPEG variant the platform cannot decode).
	ErrUnsupportedType = errors.New("Invalid file type. Only JPEG and PNG are supported.")
	// ErrTooLarge: more bytes than Limits.MaxBytes arrived (HTTP 413).
	ErrTooLarge = errors.New("File too large. Maximum size is 5MB.")
	// ErrEmpty: the stream ended before the first byte.
	ErrEmpty = errors.New("File is empty.")
	// ErrDimensions: width or height outside the allowed range; the returned error is a *DimensionsError.
	ErrDimensions = errors.New("Image dimensions are out of range.")
	// ErrCorrupt: the structure is broken (truncated, bad checksum, impossible header); details are wrapped.
	ErrCorrupt = errors.New("Image is truncated or corrupt.")
)

// DimensionsError says what the image measured and what is allowed. errors.Is(err, ErrDimensions) holds.
type DimensionsError struct {
	Width, Height       int
	MinWidth, MinHeight int
	MaxWidth, MaxHeight int
	MaxPixels           int64
}

func (e *DimensionsError) Error() string {
	if e.MaxPixels > 0 && int64(e.Width)*int64(e.Height) > e.MaxPixels &&
		e.Width <= e.MaxWidth && e.Height <= e.MaxHeight && e.Width >= e.MinWidth && e.Height >= e.MinHeight {
		return fmt.Sprintf("Image dimensions %dx%d are out of range: at most %s megapixels are allowed, this image has %s.",
			e.Width, e.Height, megapixels(e.MaxPixels), megapixels(int64(e.Width)*int64(e.Height)))
	}
	return fmt.Sprintf("Image dimensions %dx%d are out of range: allowed %dx%d to %dx%d.",
		e.Width, e.Height, e.MinWidth, e.MinHeight, e.MaxWidth, e.MaxHeight)
}

// Is makes errors.Is(err, ErrDimensions) true.
func (e *DimensionsError) Is(target error) bool { return target == ErrDimensions }

// TooLargeError carries the limit that was exceeded; errors.Is(err, ErrTooLarge) holds. The public message stays
// the guide's ("... 5MB.") whatever the configured limit; Limit lets the caller say more if it wants.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string { return ErrTooLarge.Error() }

// Is makes errors.Is(err, ErrTooLarge) true.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// detailError wraps a sentinel with an internal reason (for logs); Error() shows both, Unwrap gives the sentinel.
type detailError struct {
	kind   error
	reason string
}

func (e *detailError) Error() string { return e.kind.Error() + " (" + e.reason + ")" }
func (e *detailError) Unwrap() error { return e.kind }

func corrupt(format string, args ...any) error {
	return &detailError{kind: ErrCorrupt, reason: fmt.Sprintf(format, args...)}
}

func unsupported(format string, args ...any) error {
	return &detailError{kind: ErrUnsupportedType, reason: fmt.Sprintf(format, args...)}
}

// megapixels words a pixel count: "40", "67.1".
func megapixels(n int64) string {
	return strconv.FormatFloat(math.Floor(float64(n)/1e5)/10, 'f', -1, 64)
}
