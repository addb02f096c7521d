// Package cards holds the pure text logic of reading Indian identity cards: the
// structure of a PAN and its repair from common OCR confusions, the Verhoeff
// check of Aadhaar numbers, masking and keyed hashing, and the parsers that pick
// names, dates, gender and the address out of OCR'd lines; plus the
// cross-document checks (PAN name vs Aadhaar name, dates of birth).
//
// Everything here works on strings and is deterministic, so it is unit-tested
// and fuzzed without Tesseract. It must not import the OCR engine, images, or
// anything of HTTP, gRPC or SQL; the reader in internal/cards/reader joins it
// with internal/ocr.
//
// Privacy: a full Aadhaar number only ever lives inside an AadhaarNumber, whose
// every printed, logged or marshalled form is the masked one.
package cards
