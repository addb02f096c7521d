package reader

import "github.com/enxtai/kyc/internal/cards"

// holderByRows is the holder's name as the rows read it when the pass's lines took the father's name for the
// holder's. On a rotated card Tesseract can return the holder's line before the header, and the unlabelled
// layout's first name line under the header is then the father's; the rows, ordered by position, still put
// the holder's line first. The tell is the pass's holder name being the rows' father's name.
func holderByRows(name string, rows cards.PANText) (cards.Extract, bool) {
	if !rows.Name.Found() || !rows.FatherName.Found() || rows.Name.Line == rows.FatherName.Line {
		return cards.Extract{}, false
	}
	same := cards.NormalizeName(name) == cards.NormalizeName(rows.FatherName.Value)
	return rows.Name, same && cards.NormalizeName(name) != cards.NormalizeName(rows.Name.Value)
}
