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
// Each document comes in several layout families (Aadhaar: the letter's
// cut-out with the Hindi name, the PVC card, the e-Aadhaar print, the masked
// e-Aadhaar, a plain independent-style card; PAN: the old card, the 2018
// card, the e-PAN print), each drawn in one of four typefaces (DejaVu, Noto,
// Liberation, FreeSans) chosen per card, so that no reader can come to rely
// on one layout or font. The photographed variant lays the card on a table
// under a tilted camera. QR codes are placeholders unless QRImage is set.
//
// Every number the kit produces is synthetic. The package must not import the
// code it is used to test (internal/cards, internal/ocr): its Verhoeff digit is
// computed independently so that a bug there cannot hide in the ground truth.
package cardkit
