package reader

import (
	"context"
	"fmt"
	"image"
	"slices"
	"strings"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
)

// Layout analysis can drop the first words of a long name printed with its
// label and the next lines flush left ("SRI ANANTHARAMAN NARAYANASWAMY
// KURUP" read "NARAYANASWAMY KURUP" on a blurred card): the name's line then
// starts far right of the lines above and below it, which start together.
// That line, widened to their left edge, is read once more on its own
// (ocr.LineCrop); the reading is kept only if its name holds every word of
// the pass's and more.

// pendingName is a pass whose name line looks cut on the left or on the right
// (namecut.go).
type pendingName struct {
	lines []string
	line  int             // index of the name's line in lines and res
	box   image.Rectangle // the line widened to its neighbours' left edge, or over the print right of it
	img   *image.Gray
	name  string // the pass's name
	right bool   // cut on the right: the words gained must be more than initials (not a photo's edge read as I)
	// column: cut on the left of the print column below it (cutLeftOfColumn): the words gained must be more than
	// initials and the line read surely, since nothing beside the line vouches for the column.
	column bool
}

// pendingNameAt returns the pass's name line as a pendingName if it looks cut
// on either side.
func pendingNameAt(lines []string, res ocr.Result, line int, img *image.Gray, name string) *pendingName {
	if img == nil {
		return nil
	}
	p := &pendingName{lines: lines, line: line, img: img, name: name}
	var ok bool
	if p.box, ok = cutOnTheLeft(res, line); ok {
		return p
	}
	if p.box, ok = cutLeftOfColumn(res, line); ok {
		p.column = true
		return p
	}
	if p.box, ok = cutOnTheRight(res, line, img); ok {
		p.right = true
		return p
	}
	return nil
}

// leftCutHeights: a name line starting this many line heights right of the
// lines around it, which start within one line height of each other, has
// lost words on its left.
const leftCutHeights = 3

// cutOnTheLeft returns line i's box widened to the left edge its
// neighbours share, if it starts far right of them.
func cutOnTheLeft(res ocr.Result, i int) (image.Rectangle, bool) {
	if i <= 0 || i+1 >= len(res.Lines) {
		return image.Rectangle{}, false
	}
	box, above, below := res.Lines[i].Box, res.Lines[i-1].Box, res.Lines[i+1].Box
	h := box.Dy()
	left := min(above.Min.X, below.Min.X)
	if h <= 0 || abs(above.Min.X-below.Min.X) > h || box.Min.X-left <= leftCutHeights*h ||
		above.Max.Y > box.Min.Y+h/2 || below.Min.Y < box.Max.Y-h/2 {
		return image.Rectangle{}, false
	}
	return image.Rect(left, box.Min.Y, box.Max.X, box.Max.Y), true
}

// Glare can wash out a name's first word so that the pass starts the line at
// its second ("KULKARNI" for SRIRAM KULKARNI on a photographed 2018 PAN),
// where a label between the name and the lines around it leaves cutOnTheLeft
// nothing to compare. The lines below the name, the father's name and the
// date, start at the column's edge: a name starting far right of it is read
// again from there.

// columnLines: how many lines below the name are looked at for the column's
// edge, within columnHeights line heights.
const (
	columnLines   = 4
	columnHeights = 8
)

// cutLeftOfColumn returns line i's box widened to the left edge that two of
// the lines below it share, if it starts leftCutHeights line heights or more
// right of that edge.
func cutLeftOfColumn(res ocr.Result, i int) (image.Rectangle, bool) {
	if i < 0 || i+1 >= len(res.Lines) {
		return image.Rectangle{}, false
	}
	box := res.Lines[i].Box
	h := box.Dy()
	var xs []int
	for _, l := range res.Lines[i+1 : min(len(res.Lines), i+1+columnLines)] {
		if l.Box.Min.Y >= box.Max.Y && l.Box.Min.Y <= box.Max.Y+columnHeights*h {
			xs = append(xs, l.Box.Min.X)
		}
	}
	slices.Sort(xs)
	for k := 1; k < len(xs); k++ {
		if xs[k]-xs[k-1] <= h {
			if h <= 0 || box.Min.X-xs[k-1] <= leftCutHeights*h {
				return image.Rectangle{}, false
			}
			return image.Rect(xs[k-1], box.Min.Y, box.Max.X, box.Max.Y), true
		}
	}
	return image.Rectangle{}, false
}

func abs(x int) int { return max(x, -x) }

// refine reads a holed name line (namehole.go), a name line with a narrow space (narrowspace.go) and a
// pending name line again, each once per card.
func (s *panState) refine(ctx context.Context, r *Reader, stats *Stats) error {
	if err := s.fillHole(ctx, r, stats); err != nil {
		return err
	}
	parse := func(lines []string) cards.Extract { return cards.ParsePAN(lines).Name }
	f := &s.result.Name
	if err := vouched(f, &s.sureName, func() error { return s.space.run(ctx, r, parse, f, stats) }); err != nil {
		return err
	}
	p := s.pendingName
	if p == nil {
		return nil
	}
	s.pendingName, s.nameReread = nil, true
	return vouched(f, &s.sureName, func() error { return r.rereadName(ctx, p, parse, f, stats) })
}

// rereadName reads a pending name line again and merges its name into f when
// the line is still the name's and the name holds every word of the pass's
// and more (after a cut on the right: or the pass's last word whole, see
// endsWhole; the words gained of two letters or more).
func (r *Reader) rereadName(ctx context.Context, p *pendingName, parse func([]string) cards.Extract, f *Field, stats *Stats) error {
	again, cut, ok, err := r.readCrop(ctx, p.img, p.box, 0, stats)
	if err == nil && ok && cut {
		// The pass's box ended inside the name's last word (a long name printed close to a QR, its end
		// read with the QR): read it with room, dropping what of the QR comes with it.
		again, ok, err = r.readLineAgain(ctx, p.img, p.box, nameRoomHeights*p.box.Dy(), stats)
		again = dropFarDebris(again)
	}
	if err != nil {
		return fmt.Errorf("reader: name line pass: %w", err)
	}
	if !ok {
		return nil
	}
	lines := append([]string(nil), p.lines...)
	lines[p.line] = again.Text()
	name := parse(lines)
	grown := extends(name.Value, p.name) || p.right && endsWhole(name.Value, p.name) || !p.right && beginsWhole(name.Value, p.name)
	if name.Line != p.line || !grown || (p.right || p.column) && !gainsWords(name.Value, p.name) ||
		p.column && again.Confidence() < keyConfidence {
		return nil
	}
	conf := rereadCertainty * again.Confidence()
	if !extends(name.Value, p.name) && cards.NormalizeName(f.Value) == cards.NormalizeName(p.name) {
		// The cut word read whole: the running name is the pass's, replaced as
		// mergeName replaces a reading that a longer one extends.
		f.Value, f.Confidence = name.Value, max(conf, f.Confidence)
		return nil
	}
	f.mergeName(name.Value, conf)
	return nil
}

// endsWhole: long is short with its last word, which the pass read cut where
// the light darkened ("Meenal" for Meenakshi), whole and perhaps followed by
// more: the same words before it, then a longer word sharing its first
// cutPrefix letters. The glyph the dark cut through reads as another letter
// ("Ther" for Thenmozhi: half an n read r), so of a word cut at cutPrefix
// letters all but the last must agree.
func endsWhole(long, short string) bool {
	lw, sw := strings.Fields(cards.NormalizeName(long)), strings.Fields(cards.NormalizeName(short))
	n := len(sw)
	if n == 0 || len(lw) < n || !slices.Equal(lw[:n-1], sw[:n-1]) {
		return false
	}
	cut, whole := []rune(sw[n-1]), []rune(lw[n-1])
	same := min(cutPrefix, len(cut)-1)
	return len(cut) >= cutPrefix && len(whole) > len(cut) && string(whole[:same]) == string(cut[:same])
}

// nameRoomHeights: the room, in line heights, given on the right to a name line whose re-read ran to the
// crop's edge (a long name's last word is a few heights wide).
const nameRoomHeights = 4

// cutPrefix: a word read cut short keeps at least this many of its first
// letters.
const cutPrefix = 4

// beginsWhole is endsWhole for a line cut on the left: long is short with its
// first word, which glare cut at its start ("ALHOTRA" for ADITYA MALHOTRA),
// whole and perhaps preceded by more: a longer word ending in the cut one's
// letters (at least cutPrefix of them), then the same words after it.
func beginsWhole(long, short string) bool {
	lw, sw := strings.Fields(cards.NormalizeName(long)), strings.Fields(cards.NormalizeName(short))
	n, k := len(sw), len(lw)-len(sw)
	if n == 0 || k < 0 || !slices.Equal(lw[k+1:], sw[1:]) {
		return false
	}
	cut, whole := sw[0], lw[k]
	return len(cut) >= cutPrefix && len(whole) > len(cut) && strings.HasSuffix(whole, cut)
}

// gainsWords: long, which extends short, adds only words of two letters or
// more.
func gainsWords(long, short string) bool {
	sw := strings.Fields(cards.NormalizeName(short))
	i := 0
	for _, w := range strings.Fields(cards.NormalizeName(long)) {
		if i < len(sw) && w == sw[i] {
			i++
			continue
		}
		if len([]rune(w)) < 2 {
			return false
		}
	}
	return true
}
