// Package ocr runs Tesseract (through gosseract) on images: a bounded pool of
// reusable clients, per-call deadlines, page-segmentation modes and character
// whitelists chosen per pass, and the image preprocessing (grayscale, contrast,
// scale, deskew, binarisation, and for photos the card's outline found and its
// perspective undone) that the accuracy harness showed to help; one text
// line cut out for a closer look (LineCrop); and the words regrouped into
// visual rows from their boxes (Result.Rows).
//
// It knows nothing about cards or fields: it turns an image into words and
// lines with confidences. It must not import internal/cards, nor anything of
// HTTP, gRPC or SQL. It never logs recognised text (cards carry personal data).
package ocr
