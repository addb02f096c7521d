package reader

import (
	"time"

	"github.com/enxtai/kyc/internal/cards"
)

// Field is one extracted value with a confidence in 0-1 (parse certainty
// times OCR confidence). An empty Value means not found (confidence 0).
type Field struct {
	Value      string  `json:"value"`
	Confidence float64 `json:"confidence"`
}

// Found reports whether the field has a value.
func (f Field) Found() bool { return f.Value != "" }

// Stats describe the work done for one card.
type Stats struct {
	Passes  int           `json:"passes"`  // OCR passes run
	OCRTime time.Duration `json:"ocrTime"` // time inside Tesseract, summed over passes
	Total   time.Duration `json:"total"`   // wall time of the whole read
	Rotated bool          `json:"rotated"` // read after turning the image upside down
	SkewDeg float64       `json:"skewDeg"` // skew corrected by the pass that gave the key field
}

// PANResult is what a PAN card yielded.
type PANResult struct {
	Number     Field           `json:"panNumber"`
	Name       Field           `json:"fullName"`
	FatherName Field           `json:"fatherName"`
	DOB        Field           `json:"dateOfBirth"` // YYYY-MM-DD
	Findings   []cards.Finding `json:"findings"`
	Stats      Stats           `json:"stats"`
}

// AadhaarFrontResult is what an Aadhaar front yielded. It never holds the
// full number: Number is masked ("XXXX XXXX 1234").
type AadhaarFrontResult struct {
	Number          Field           `json:"aadhaarNumber"` // masked
	Last4           string          `json:"aadhaarLast4"`
	NumberHash      string          `json:"aadhaarHash,omitempty"` // keyed HMAC-SHA256, when a key is configured
	Name            Field           `json:"fullName"`
	DOB             Field           `json:"dateOfBirth"` // YYYY-MM-DD, or YYYY when only the year is printed
	YearOfBirthOnly bool            `json:"yearOfBirthOnly,omitempty"`
	Gender          Field           `json:"gender"`
	Findings        []cards.Finding `json:"findings"`
	Stats           Stats           `json:"stats"`

	match string // HMAC under the reader's private per-process key: compares front and back, never leaves memory
}

// AadhaarBackResult is what an Aadhaar back yielded.
type AadhaarBackResult struct {
	Number     Field           `json:"aadhaarNumber"` // masked
	Last4      string          `json:"aadhaarLast4"`
	NumberHash string          `json:"aadhaarHash,omitempty"`
	CareOf     Field           `json:"careOf"`  // S/O, D/O, W/O or C/O name
	Address    Field           `json:"address"` // up to and including the PIN
	PIN        Field           `json:"pin"`
	Findings   []cards.Finding `json:"findings"`
	Stats      Stats           `json:"stats"`

	match string
}
