// Package reader reads PAN and Aadhaar card images into fields: it runs the
// OCR engine (internal/ocr) in one or more passes with different
// preprocessing, parses each pass with internal/cards, merges the fields,
// attaches confidences and findings, and cross-checks the three cards.
//
// Reading holds no template: every pass reads the whole card, and the fields
// are found by their labels, patterns and checks (the Verhoeff digit, the PAN
// structure, date forms, 6-digit PIN codes) in the text. Where position
// helps it is taken from the text itself: the words regrouped into visual
// rows (ocr.Result.Rows) when layout analysis splits a number or a long
// name, and the card's outline (ocr.FindCard) when the image is a photo of a
// card on a surface. No coordinate in this package refers to a layout.
// A masked Aadhaar ("XXXX XXXX 1234") is read as its last four digits.
// Two spots get a second, closer look from the text's own boxes: a PAN's
// digits read as letters, and an Aadhaar back's PIN line read cut short or
// with a lookalike for a digit (the line alone, its contrast stretched).
//
// It is what the processing pipeline calls. It must not import anything of
// HTTP, gRPC or SQL, and it must never return, log or store a full Aadhaar
// number: results carry only the masked form, the last four digits and an
// optional keyed hash.
package reader
