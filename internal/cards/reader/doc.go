// Package reader reads PAN and Aadhaar card images into fields: it runs the
// OCR engine (internal/ocr) in one or more passes with different
// preprocessing, parses each pass with internal/cards, merges the fields,
// attaches confidences and findings, and cross-checks the three cards.
//
// It is what the processing pipeline calls. It must not import anything of
// HTTP, gRPC or SQL, and it must never return, log or store a full Aadhaar
// number: results carry only the masked form, the last four digits and an
// optional keyed hash.
package reader
