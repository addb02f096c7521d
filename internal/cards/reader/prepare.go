package reader

import (
	"image"

	"github.com/enxtai/kyc/internal/ocr"
)

// preparer makes a card's pass images. A prep the plan lists twice (the last
// pass thresholds the second pass's image locally) is made once and kept for
// the card's read: on a photographed card that is 25-40 ms of outline search,
// rectification, flattening and deskew. Other preps are not kept.
type preparer struct {
	img   image.Image
	count map[ocr.Prep]int // times the plan lists each prep, Rotate180 cleared
	kept  map[ocr.Prep]ocr.Prepared
	made  int // images prepared, for tests
}

func newPreparer(img image.Image, plan []Attempt) *preparer {
	p := &preparer{img: img, count: map[ocr.Prep]int{}, kept: map[ocr.Prep]ocr.Prepared{}}
	for _, a := range plan {
		a.Prep.Rotate180 = false
		p.count[a.Prep]++
	}
	return p
}

func (p *preparer) get(prep ocr.Prep) ocr.Prepared {
	if got, ok := p.kept[prep]; ok {
		return got
	}
	got := ocr.Prepare(p.img, prep)
	p.made++
	key := prep
	key.Rotate180 = false
	if p.count[key] > 1 {
		p.kept[prep] = got
	}
	return got
}
