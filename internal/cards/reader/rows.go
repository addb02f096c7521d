package reader

import (
	"strings"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// wholeName chooses between a name read from Tesseract's block-ordered
// lines and the one read from the same words regrouped into visual rows
// (ocr.Result.Rows). A long name printed with wide word gaps can be split
// by layout analysis into two blocks, and the block view then holds only a
// part of it; the row view's name wins when it holds every word of the
// block view's and more (or when the block view found none). A block can also
// end inside a word (a skewed line broken into pieces, which the rows join
// again), so the block's last word may be the start of the rows' word.
func wholeName(block cards.Extract, res ocr.Result, rowsName cards.Extract, rows ocr.Result) (string, float64) {
	if !rowsName.Found() || block.Found() && !extends(rowsName.Value, block.Value) && !extendsCut(rowsName.Value, block.Value) {
		return block.Value, confidenceOf(block, res)
	}
	return rowsName.Value, confidenceOf(rowsName, rows)
}

// extends: long holds all of short's words, in order, and more.
func extends(long, short string) bool {
	lw, sw := strings.Fields(cards.NormalizeName(long)), strings.Fields(cards.NormalizeName(short))
	if len(lw) <= len(sw) {
		return false
	}
	i := 0
	for _, w := range lw {
		if i < len(sw) && w == sw[i] {
			i++
		}
	}
	return i == len(sw)
}

// extendsCut: long holds short's words in order, the last of them as the start of a longer word (short was
// cut inside it), and long is the longer name.
func extendsCut(long, short string) bool {
	lw, sw := strings.Fields(cards.NormalizeName(long)), strings.Fields(cards.NormalizeName(short))
	if len(sw) == 0 || len(lw) < len(sw) {
		return false
	}
	last := sw[len(sw)-1]
	i := 0
	for _, w := range lw {
		switch {
		case i < len(sw)-1 && w == sw[i]:
			i++
		case i == len(sw)-1 && len(last) >= 2 && len(w) > len(last) && strings.HasPrefix(w, last):
			return true
		}
	}
	return false
}

// mergeName is merge for names, where passes that lose part of a long name
// (a word in a dark corner, a block split, the first letters under glare) read
// a part of it: a reading that extends the running one, or holds it whole where
// it was cut on the left (beginsWhole), replaces it; one that the running one
// so holds confirms it; other disagreements are merged as usual.
func (f *Field) mergeName(value string, conf float64) {
	switch {
	case value == "" || f.Value == "":
		f.merge(value, conf)
	case extends(value, f.Value) || beginsWhole(value, f.Value):
		f.Value, f.Confidence = value, max(conf, f.Confidence)
	case extends(f.Value, value) || beginsWhole(f.Value, value):
		f.Confidence = max(conf, f.Confidence)
	default:
		f.merge(value, conf)
	}
}
