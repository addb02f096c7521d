package reader

import (
	"image"

	"github.com/enxtai/kyc/internal/ocr"
)

// Under uneven light Tesseract's own binarisation can turn the darker end of a
// name line into background: the last word is not read at all, not even
// unsurely ("Name: Sai Padmanabhan" for Sai Padmanabhan Nair on a card lit
// from one side), and the pass, sure of what it read, ends the card. The
// prepared image still shows the word: right of the line's last word, within
// a word space and in the line's height, there is ink of the line's contrast
// in several glyphs (a photo's or card's edge is one), and none just above or
// below the line's band (a QR code beside a long name). The line, widened to
// that ink, is read again on its own like a line cut on the left.

const (
	// rightLookHeights: how far right of the last word the ink is looked for,
	// in line heights (a long surname).
	rightLookHeights = 8
	// rightGapHeights: the lost word starts within this many line heights of
	// the last one read, and its glyphs follow each other as closely.
	rightGapHeights = 1.0
	// rightInkContrast: the ink's spread of grey levels is at least this
	// share of the line's own.
	rightInkContrast = 0.5
)

// cutOnTheRight returns line i's box widened over print right of its last
// word that the pass did not read, if there is such print.
func cutOnTheRight(res ocr.Result, i int, img *image.Gray) (image.Rectangle, bool) {
	if img == nil || i < 0 || i >= len(res.Lines) || len(res.Lines[i].Words) == 0 {
		return image.Rectangle{}, false
	}
	l := res.Lines[i]
	box, h := l.Box, l.Box.Dy()
	last := l.Words[len(l.Words)-1].Box
	look := image.Rect(last.Max.X+1, box.Min.Y, last.Max.X+1+rightLookHeights*h, box.Max.Y).Intersect(img.Rect)
	lineSpread := float64(spread(img, box))
	if h <= 0 || look.Dx() < h {
		return image.Rectangle{}, false
	}
	if float64(spread(img, look)) < rightInkContrast*lineSpread {
		return lostGlyph(img, box, last, lineSpread)
	}
	runs := ocr.InkRuns(img.SubImage(look).(*image.Gray))
	gap := int(rightGapHeights * float64(h))
	if len(runs) < 2 || runs[0].From > gap {
		return lostGlyph(img, box, last, lineSpread)
	}
	end, glyphs := runs[0].To, 1
	for _, r := range runs[1:] {
		if r.From-end > gap {
			break
		}
		end, glyphs = r.To, glyphs+1
	}
	if glyphs < 2 || tallerThanLine(img, box, look.Min.X+runs[0].From, look.Min.X+end, lineSpread) {
		return image.Rectangle{}, false
	}
	return image.Rect(box.Min.X, box.Min.Y, look.Min.X+end, box.Max.Y), true
}

// A single glyph can be lost the same way ("Naid" for Naidu, the u where the light darkens): too little
// ink for the look over a long surname, it is found in a look one line height wide. It starts within a
// letter gap of the last word (a word space is wider), its strokes as close, and is a letter's width (a
// photo's or card's edge is a stroke).
const (
	// lostGlyphGapHeights: the glyph starts within this many line heights of the last word,
	lostGlyphGapHeights = 0.25
	// lostGlyphWidthHeights: and is at least this many wide.
	lostGlyphWidthHeights = 0.2
)

// lostGlyph returns the line's box widened over one glyph right after its last word that the pass did not
// read, if there is one.
func lostGlyph(img *image.Gray, box, last image.Rectangle, lineSpread float64) (image.Rectangle, bool) {
	h := box.Dy()
	look := image.Rect(last.Max.X+1, box.Min.Y, last.Max.X+1+h, box.Max.Y).Intersect(img.Rect)
	if look.Dx() < h || float64(spread(img, look)) < rightInkContrast*lineSpread {
		return image.Rectangle{}, false
	}
	runs := ocr.InkRuns(img.SubImage(look).(*image.Gray))
	if len(runs) == 0 {
		return image.Rectangle{}, false
	}
	g, letterGap := runs[0], int(lostGlyphGapHeights*float64(h))
	for _, r := range runs[1:] { // a glyph's strokes apart in the columns (a u's stems under uneven light)
		if r.From-g.To > letterGap {
			break
		}
		g.To = r.To
	}
	if g.From > letterGap || float64(g.Width()) < lostGlyphWidthHeights*float64(h) ||
		g.To >= look.Dx() || tallerThanLine(img, box, look.Min.X+g.From, look.Min.X+g.To, lineSpread) {
		return image.Rectangle{}, false
	}
	return image.Rect(box.Min.X, box.Min.Y, look.Min.X+g.To, box.Max.Y), true
}

// tallerThanLine: over columns x0..x1 there is print of the line's contrast
// just above or just below the line's band (past where descenders reach): the
// ink is a larger thing beside the line, the 2018 PAN's QR code beside a long
// name, not a word of it.
func tallerThanLine(img *image.Gray, box image.Rectangle, x0, x1 int, lineSpread float64) bool {
	h := box.Dy()
	above := image.Rect(x0, box.Min.Y-3*h/4, x1, box.Min.Y-h/4)
	below := image.Rect(x0, box.Max.Y+h/4, x1, box.Max.Y+3*h/4)
	return float64(spread(img, above)) >= rightInkContrast*lineSpread || float64(spread(img, below)) >= rightInkContrast*lineSpread
}

// spread is the range of grey levels of img in r between the 5th and 95th
// percentiles: print's contrast with its ground, near zero without print.
func spread(img *image.Gray, r image.Rectangle) int {
	r = r.Intersect(img.Rect)
	if r.Empty() {
		return 0
	}
	var hist [256]int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range img.Pix[img.PixOffset(r.Min.X, y):img.PixOffset(r.Max.X, y)] {
			hist[v]++
		}
	}
	n := r.Dx() * r.Dy()
	return level(&hist, n*95/100) - level(&hist, n*5/100)
}

// level is the grey level of the pixel of the given rank in hist.
func level(hist *[256]int, rank int) int {
	acc := 0
	for v, c := range hist {
		if acc += c; acc > rank {
			return v
		}
	}
	return 255
}
