package reader

import (
	"context"
	"fmt"
	"image"
	"strings"
	"unicode"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// Glare on a photographed card can wash out the middle of a name line while
// both its ends stay dark: Tesseract then reads the ends as two words a wide
// gap apart ("ARV" ... "=SHPANDE" for ARVIND DESHPANDE), the parser rejects
// the line or the rows view splits it, and the pass returns the left end as
// the name, read surely. The line, read again on its own (ocr.LineCrop
// stretches the crop's contrast), usually reads whole. The hole is told from
// the QR or photo debris beside a name (debris.go) by what lies after the gap:
// words of the name's type, of several letters. The words after the gap are
// the name's other end, not the next name: a pass that takes them for the
// father's name loses its father's name.

// holeTailLetters: the word after the gap has at least this many letters.
const holeTailLetters = 4

// holedName is a pass whose name is the left end of a line with a hole.
type holedName struct {
	lines []string
	line  int             // index of the line in lines and the pass's result
	box   image.Rectangle // the line from the name's first word to the tail's last
	img   *image.Gray
	name  Field  // the pass's reading, merged only if the line read again does not explain it
	head  string // the letters before the gap (the pass's name)
	tail  string // the letters after it
}

// tailOf: value is the other end of the held-back name (the rows view made it
// a line of its own).
func (p *holedName) tailOf(value string) bool {
	return p != nil && value != "" && letters(value) == p.tail
}

// nameHole finds the line of res that starts with the words of name and goes
// on after a far gap with a word of the same type, and returns its box and
// the letters on either side of the gap.
func nameHole(res ocr.Result, name string) (line int, box image.Rectangle, head, tail string, ok bool) {
	want := cards.NormalizeName(name)
	if want == "" {
		return 0, image.Rectangle{}, "", "", false
	}
	for i, l := range res.Lines {
		ws := l.Words
		for k := 1; k < len(ws); k++ {
			h := medianOf(ws[:k], func(w ocr.Word) float64 { return float64(w.Box.Dy()) })
			if h <= 0 || float64(ws[k].Box.Min.X-ws[k-1].Box.Max.X) <= farGapHeights*h {
				continue
			}
			if letters(ocr.Line{Words: ws[:k]}.Text()) != letters(want) || !nameWordOfType(ws[k], h) {
				break
			}
			j := k + 1 // the tail: the words after the gap, at word spacing
			for j < len(ws) && float64(ws[j].Box.Min.X-ws[j-1].Box.Max.X) <= farGapHeights*h && nameWordOfType(ws[j], h) {
				j++
			}
			box = ws[0].Box
			for _, w := range ws[1:j] {
				box = box.Union(w.Box)
			}
			return i, box, letters(want), letters(ocr.Line{Words: ws[k:j]}.Text()), true
		}
	}
	return 0, image.Rectangle{}, "", "", false
}

// nameWordOfType: a word that could be part of a name printed in letters of
// height h: mostly letters, several of them, in the name's height. Its
// confidence is not asked for: a word half in the glare is read unsurely, and
// what is read again must fill the hole anyway (fillsHole).
func nameWordOfType(w ocr.Word, h float64) bool {
	r := float64(w.Box.Dy()) / h
	n := len([]rune(letters(w.Text)))
	return n >= holeTailLetters && 4*n >= 3*len([]rune(w.Text)) && r <= debrisHeightRatio && r >= 1/debrisHeightRatio
}

// fillsHole: a name read again from a holed line keeps both ends and has more
// letters between them.
func fillsHole(name, head, tail string) bool {
	l := letters(cards.NormalizeName(name))
	return len(l) > len(head)+len(tail) && strings.HasPrefix(l, head) && strings.HasSuffix(l, tail)
}

// letters is s upper-cased, letters only.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return unicode.ToUpper(r)
		}
		return -1
	}, s)
}

// fillHole reads a holed name's line again; the name it gives replaces the
// pass's when it fills the hole, else the pass's reading is merged as it was.
func (s *panState) fillHole(ctx context.Context, r *Reader, stats *Stats) error {
	p := s.holed
	if p == nil {
		return nil
	}
	s.holed, s.holeReread = nil, true // at most one closer look per card
	again, ok, err := r.readLineAgain(ctx, p.img, p.box, 0, stats)
	if err != nil {
		s.result.Name.mergeName(p.name.Value, p.name.Confidence)
		return fmt.Errorf("reader: name line pass: %w", err)
	}
	if ok {
		lines := append([]string(nil), p.lines...)
		lines[p.line] = again.Text()
		if t := cards.ParsePAN(lines); t.Name.Line == p.line && fillsHole(t.Name.Value, p.head, p.tail) {
			s.result.Name.mergeName(t.Name.Value, rereadCertainty*again.Confidence())
			return nil
		}
	}
	s.result.Name.mergeName(p.name.Value, p.name.Confidence)
	return nil
}
