package reader

import (
	"context"
	"fmt"
	"image"
	"slices"
	"strings"
	"unicode"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// Some typefaces print the space before a short surname or an initial barely
// wider than the gaps between letters ("TARUN RANI IYER" in bold Noto Sans),
// and Tesseract reads one word ("RANIIYER", "PRASANNAS"), which no rule on the
// text can split without knowing the name. The print still shows the space:
// inside the word one gap between glyphs is much wider than the others and
// near the line's word spaces. The line is read again on its own with that
// gap widened to a full word space, and the reading is kept only when it
// splits that word in two, its letters kept, and leaves the line's other
// words as they were.

const (
	// spaceOverGaps: the space is at least this many times the widest of
	// the word's other gaps between glyphs,
	spaceOverGaps = 2.0
	// initialOverGaps: or this many, when it sets the last glyph apart: an
	// initial after the name ("ANUSHA A" in bold Noto Sans: the A's legs
	// reach into the space, which is 1.8 times the N-U gap),
	initialOverGaps = 1.5
	// spaceOverLine: this share of the line's height,
	spaceOverLine = 0.3
	// spaceOverSpaces: and this share of the line's narrowest space between
	// words, when it has more words than one.
	spaceOverSpaces = 0.5
	// minSplitLetters: shorter words are left whole.
	minSplitLetters = 4
	// widenedSpaceLine: the space is widened to this share of the line's
	// height for the second reading,
	widenedSpaceLine = 0.6
	// widenedAtLeastLine: and by this share at least. Read on its own, a
	// line of one word gives Tesseract no word space to judge by: a space of
	// 0.48 line heights widened to 0.6 still read as inside the word
	// ("ANUSHAA", photographed 2018 PAN).
	widenedAtLeastLine = 0.3
)

// narrowSpace is a pass's name line with a word that looks like two.
type narrowSpace struct {
	lines []string
	line  int
	word  int             // the word's index in the line
	box   image.Rectangle // the line's box
	gap   ocr.Span        // the space, in image columns
	img   *image.Gray
	name  string // the pass's name
}

// narrowSpaceAt returns the pass's name line as a narrowSpace if a word of it
// has a gap inside that looks like a space.
func narrowSpaceAt(lines []string, res ocr.Result, line int, img *image.Gray, name string) *narrowSpace {
	if img == nil || line < 0 || line >= len(res.Lines) {
		return nil
	}
	l := res.Lines[line]
	h := l.Box.Dy()
	spaces := 0 // none on a line of one word
	for k := 1; k < len(l.Words); k++ {
		gap := l.Words[k].Box.Min.X - l.Words[k-1].Box.Max.X
		if k == 1 || gap < spaces {
			spaces = gap
		}
	}
	for k, w := range l.Words {
		if len([]rune(w.Text)) < minSplitLetters || strings.IndexFunc(w.Text, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			continue
		}
		if gap, ok := spaceInside(img, w.Box, h, spaces); ok {
			return &narrowSpace{lines: lines, line: line, word: k, box: l.Box, gap: gap, img: img, name: name}
		}
	}
	return nil
}

// spaceInside finds the gap between glyphs of the word in box that is wide
// enough to be a space (in image columns).
func spaceInside(img *image.Gray, box image.Rectangle, lineHeight, lineSpaces int) (ocr.Span, bool) {
	box = box.Intersect(img.Rect)
	if box.Empty() {
		return ocr.Span{}, false
	}
	runs := glyphRuns(img.SubImage(box).(*image.Gray))
	if len(runs) < 4 { // three gaps at least: one to judge against two
		return ocr.Span{}, false
	}
	gaps := make([]int, len(runs)-1)
	widest := 0
	for k := range gaps {
		gaps[k] = runs[k+1].From - runs[k].To
		if gaps[k] > gaps[widest] {
			widest = k
		}
	}
	space := gaps[widest]
	next := max(slices.Max(slices.Delete(slices.Clone(gaps), widest, widest+1)), 1)
	overGaps := spaceOverGaps
	if widest == len(gaps)-1 {
		overGaps = initialOverGaps
	}
	if float64(space) < overGaps*float64(next) ||
		float64(space) < spaceOverLine*float64(lineHeight) || float64(space) < spaceOverSpaces*float64(lineSpaces) {
		return ocr.Span{}, false
	}
	return ocr.Span{From: box.Min.X + runs[widest].To, To: box.Min.X + runs[widest+1].From}, true
}

// glyphRuns is ocr.InkRuns without short runs at either end, whose ink spans
// under a third of the box's height: a neighbour's full stop or a speck
// inside the word's box ("M. Keerthana") is not a glyph of it, and the gap
// beside it not a space.
func glyphRuns(g *image.Gray) []ocr.Span {
	bin := ocr.Otsu(g)
	b := g.Rect
	short := func(r ocr.Span) bool {
		top, bottom := b.Max.Y, b.Min.Y
		for y := b.Min.Y; y < b.Max.Y; y++ {
			if slices.Contains(bin.Pix[bin.PixOffset(b.Min.X+r.From, y):bin.PixOffset(b.Min.X+r.To, y)], 0) {
				top, bottom = min(top, y), max(bottom, y+1)
			}
		}
		return 3*(bottom-top) < b.Dy()
	}
	runs := ocr.InkRuns(g)
	for len(runs) > 0 && short(runs[0]) {
		runs = runs[1:]
	}
	for len(runs) > 0 && short(runs[len(runs)-1]) {
		runs = runs[:len(runs)-1]
	}
	return runs
}

// readNarrowSpace reads the line again with the space widened and returns the
// pass's name with the word split, or "" when the reading does not bear the
// split out. The running name keeps its confidence: the split corrects the
// same reading (Tesseract is often unsure of a line read on its own).
func (r *Reader) readNarrowSpace(ctx context.Context, p *narrowSpace, parse func([]string) cards.Extract, stats *Stats) (string, error) {
	crop, box, space := widenGap(p.img, p.box, p.gap)
	again, ok, err := r.readLineAgain(ctx, crop, box, 0, stats)
	if err != nil {
		return "", fmt.Errorf("reader: narrow space pass: %w", err)
	}
	if !ok {
		return "", nil
	}
	was := strings.Fields(p.lines[p.line])
	now := strings.Fields(again.Text())
	if !splitsWord(was, now, p.word) || !splitAt(again, p.word, space, func(x int) int { return ocr.LineCropX(crop, box, 0, x) }) {
		return "", nil
	}
	lines := append([]string(nil), p.lines...)
	lines[p.line] = strings.Join(now, " ")
	name := parse(lines)
	if name.Line != p.line || !sameLettersOneWordMore(name.Value, p.name) {
		return "", nil
	}
	return name.Value, nil
}

// spaceSplit is a name read with a word split at a narrow space (to) and the
// pass's reading it came from (from).
type spaceSplit struct{ from, to string }

// apply returns to for a reading of the same name with the space lost (as
// later passes read it again), else name unchanged.
func (sp spaceSplit) apply(name string) string {
	if sp.to != "" && sameLettersOneWordMore(sp.to, name) {
		return sp.to
	}
	return name
}

// sameLettersOneWordMore: split has one word more than name and the same
// letters (one may differ).
func sameLettersOneWordMore(split, name string) bool {
	sw, nw := strings.Fields(cards.NormalizeName(split)), strings.Fields(cards.NormalizeName(name))
	return len(sw) == len(nw)+1 && editDistanceAtMostOne(letters(split), letters(name))
}

// splitsWord: now is was with its word k read as two words whose letters are
// the word's (one letter may differ: the gap itself read as a letter), each
// shorter than it (not the word and a speck), every other word the same.
func splitsWord(was, now []string, k int) bool {
	if k >= len(was) || len(now) != len(was)+1 || !slices.Equal(now[:k], was[:k]) || !slices.Equal(now[k+2:], was[k+1:]) {
		return false
	}
	a, b, w := letters(now[k]), letters(now[k+1]), letters(was[k])
	return a != "" && b != "" && len(a) < len(w) && len(b) < len(w) && editDistanceAtMostOne(a+b, w)
}

// editDistanceAtMostOne: a and b differ by at most one letter inserted,
// deleted or replaced.
func editDistanceAtMostOne(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if i == len(ra) {
		return true
	}
	if len(ra) == len(rb) {
		return string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i+1:]) == string(rb[i:])
}

// splitAt: the space between words k and k+1 of the second reading lies over the widened space (toCrop
// maps the reading's columns to the widened image's). A word whose box runs on over the next word's ("SRI
// RAMAKRISHNAN KURUP" with RAMAKRISHNAN boxed to KURUP's end, over a busy background) holds the real space
// before that next word: widened, it is read as a space where it always was, and Tesseract may read another
// inside the word's letters ("RAMAKRIS HNAN KURUP"), which is no split at the gap.
func splitAt(again ocr.Result, k int, space ocr.Span, toCrop func(int) int) bool {
	var ws []ocr.Word
	for _, l := range again.Lines {
		ws = append(ws, l.Words...)
	}
	if k+1 >= len(ws) {
		return false
	}
	from, to := toCrop(ws[k].Box.Max.X), toCrop(ws[k+1].Box.Min.X)
	return from < space.To && to > space.From
}

// widenGap returns the line's surroundings with the gap widened to
// widenedSpaceLine line heights of the line's background (by
// widenedAtLeastLine at least), the line's box in it and the widened space's
// columns.
func widenGap(img *image.Gray, line image.Rectangle, gap ocr.Span) (*image.Gray, image.Rectangle, ocr.Span) {
	h := line.Dy()
	r := image.Rect(line.Min.X-h, line.Min.Y-h, line.Max.X+h, line.Max.Y+h).Intersect(img.Rect)
	add := max(int(widenedSpaceLine*float64(h))-gap.Width(), int(widenedAtLeastLine*float64(h)))
	out := image.NewGray(image.Rect(0, 0, r.Dx()+add, r.Dy()))
	var hist [256]int
	for y := line.Min.Y; y < line.Max.Y; y++ {
		for _, v := range img.Pix[img.PixOffset(line.Min.X, y):img.PixOffset(line.Max.X, y)] {
			hist[v]++
		}
	}
	ground := uint8(level(&hist, line.Dx()*line.Dy()*95/100))
	mid := (gap.From + gap.To) / 2
	for y := 0; y < r.Dy(); y++ {
		src := img.Pix[img.PixOffset(r.Min.X, r.Min.Y+y):img.PixOffset(r.Max.X, r.Min.Y+y)]
		dst := out.Pix[out.PixOffset(0, y):out.PixOffset(out.Rect.Max.X, y)]
		left := mid - r.Min.X
		copy(dst, src[:left])
		for x := left; x < left+add; x++ {
			dst[x] = ground
		}
		copy(dst[left+add:], src[left:])
	}
	box := image.Rect(line.Min.X-r.Min.X, line.Min.Y-r.Min.Y, line.Max.X-r.Min.X+add, line.Max.Y-r.Min.Y)
	return out, box, ocr.Span{From: gap.From - r.Min.X, To: gap.To - r.Min.X + add}
}

// spaceFix carries one card's narrow-space check over its passes: the first
// pass whose name line shows one is read again (once per card), and a split
// it bears out is applied to the passes after it, which read the word whole
// again.
type spaceFix struct {
	pending *narrowSpace
	done    bool
	split   spaceSplit
}

// note looks for a narrow space in a pass's name line.
func (s *spaceFix) note(lines []string, res ocr.Result, line int, img *image.Gray, name string) {
	if !s.done && s.pending == nil {
		s.pending = narrowSpaceAt(lines, res, line, img, name)
	}
}

// run reads the pending line again and, when the split holds, splits the running name f.
func (s *spaceFix) run(ctx context.Context, r *Reader, parse func([]string) cards.Extract, f *Field, stats *Stats) error {
	p := s.pending
	if p == nil {
		return nil
	}
	s.pending, s.done = nil, true
	value, err := r.readNarrowSpace(ctx, p, parse, stats)
	if value == "" || err != nil {
		return err
	}
	s.split = spaceSplit{from: p.name, to: value}
	f.Value = s.split.apply(f.Value)
	return nil
}
