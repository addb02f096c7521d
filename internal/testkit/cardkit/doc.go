// Package cardkit renders synthetic Indian identity cards (PAN, Aadhaar front and
// back) with known, random but structurally valid values, degrades them the way
// phone photos and scans do, and writes them with a JSON ground truth.
//
// It is the test-data source of the project: OCR tests, the accuracy harness
// (bench/eval-ocr) and face-matching evaluations all draw their cards from here, so
// the values it prints must stay valid (PAN structure, Verhoeff-valid Aadhaar,
// 6-digit PIN) and the text must be drawn with real fonts (Debian's DejaVu and
// Noto), never Go's gofont, whose dotted zero Tesseract reads as 8.
//
// Every number the kit produces is synthetic. The package must not import the
// code it is used to test (internal/cards, internal/ocr): its Verhoeff digit is
// computed independently so that a bug there cannot hide in the ground truth.
package cardkit
