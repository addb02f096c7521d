package reader

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/enxtai/kyc/internal/ocr"
)

// glyphLine draws a line of print: a block per glyph of the given widths, separated by the given gaps, at
// x = 10, 20 px high on a light ground (a glyph of width 2 is a full stop, 3 px high); it returns the image
// and the word's box.
func glyphLine(widths, gaps []int) (*image.Gray, image.Rectangle) {
	img := image.NewGray(image.Rect(0, 0, 400, 60))
	for i := range img.Pix {
		img.Pix[i] = 225
	}
	x := 10
	for i, w := range widths {
		top := 20
		if w == 2 {
			top = 37
		}
		for y := top; y < 40; y++ {
			for dx := range w {
				img.SetGray(x+dx, y, color.Gray{Y: 30})
			}
		}
		x += w
		if i < len(gaps) {
			x += gaps[i]
		}
	}
	return img, image.Rect(10, 20, x, 40)
}

func TestSpaceInside(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		widths     []int
		gaps       []int
		lineSpaces int // the line's narrowest space between words (0: one word)
		want       bool
	}{
		{"a narrow space between two words (RANI IYER)", []int{14, 12, 4, 4, 12, 10, 10}, []int{3, 4, 10, 1, 3, 5}, 14, true},
		{"the same, a line of one word", []int{14, 12, 4, 4, 12, 10, 10}, []int{3, 4, 10, 1, 3, 5}, 0, true},
		{"even letter gaps", []int{14, 12, 4, 4, 12, 10, 10}, []int{3, 4, 4, 1, 3, 5}, 14, false},
		{"one wider letter gap, under twice the next", []int{14, 12, 4, 4, 12, 10, 10}, []int{3, 4, 9, 1, 3, 5}, 14, false},
		{"wide, but under half the line's word space", []int{14, 12, 4, 4, 12, 10, 10}, []int{3, 4, 10, 1, 3, 5}, 24, false},
		{"wide against its gaps, narrow for the line's height", []int{4, 4, 4, 4}, []int{1, 5, 1}, 0, false},
		// Measured on a seen seed's PAN in bold Noto Sans ("ANUSHA A": gaps 3 5 4 4 3 9, 26 px high).
		{"a narrow space before a final initial", []int{14, 14, 12, 10, 12, 14, 14}, []int{3, 6, 4, 4, 3, 10}, 0, true},
		{"as wide against the next gap, but inside the word", []int{14, 14, 12, 10, 12, 14, 14}, []int{3, 10, 4, 4, 3, 6}, 0, false},
		{"before a final glyph, under 1.5 times the next gap", []int{14, 14, 12, 10, 12, 14, 14}, []int{3, 7, 4, 4, 3, 10}, 0, false},
		{"too few glyphs to judge", []int{14, 12, 10}, []int{2, 12}, 0, false},
		{"a full stop before the word (M. Keerthana)", []int{2, 14, 12, 20, 12}, []int{10, 1, 2, 1}, 0, false},
	} {
		img, box := glyphLine(tc.widths, tc.gaps)
		gap, ok := spaceInside(img, box, box.Dy(), tc.lineSpaces)
		if ok != tc.want {
			t.Errorf("%s: space %v (%v), want %v", tc.name, ok, gap, tc.want)
		}
		if ok && gap.Width() != 10 {
			t.Errorf("%s: the space found is %v, %d px wide, want 10", tc.name, gap, gap.Width())
		}
	}
}

func TestSplitsWord(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		was, now string
		word     int
		want     bool
	}{
		{"TARUN RANIIYER", "TARUN RANI IYER", 1, true},
		{"TARUN RANITIYER", "TARUN RANI IYER", 1, true}, // the gap had been read as a letter
		{"Name: PrasannaS", "Name: Prasanna S", 1, true},
		{"TARUN RANIIYER", "TARUN RAN IYER", 1, true}, // a letter lost: still one difference
		{"TARUN RANIIYER", "TARUN RA IYER", 1, false},
		{"TARUN RANIIYER", "TARLN RANI IYER", 1, false}, // another word changed
		{"TARUN RANIIYER", "TARUN RANI I YER", 1, false},
		{"TARUN RANIIYER", "TARUN RANIIYER", 1, false},
		{"TARUN RANIIYER", "TARUN RANIIYER X", 1, false},
		{"TARUN RANIIYER", "TARUN RANI IYER", 0, false}, // another word than the one with the gap
	} {
		if got := splitsWord(strings.Fields(tc.was), strings.Fields(tc.now), tc.word); got != tc.want {
			t.Errorf("splitsWord(%q, %q, %d) = %v, want %v", tc.was, tc.now, tc.word, got, tc.want)
		}
	}
}

func TestSplitAtTheWidenedSpace(t *testing.T) {
	t.Parallel()
	word := func(text string, from, to int) ocr.Word {
		return ocr.Word{Text: text, Confidence: 0.9, Box: image.Rect(from, 0, to, 40)}
	}
	space := ocr.Span{From: 450, To: 480} // the widened space, in the widened image's columns
	for _, tc := range []struct {
		name  string
		words []ocr.Word
		want  bool
	}{
		{"split at the space (RANI IYER)", []ocr.Word{word("TARUN", 20, 140), word("RANI", 160, 445), word("IYER", 485, 600)}, true},
		{"split inside the letters, the space read where it always was (RAMAKRIS HNAN KURUP)",
			[]ocr.Word{word("SRI", 20, 95), word("RAMAKRIS", 118, 328), word("HNAN", 335, 453), word("KURUP", 481, 623)}, false},
		{"too few words", []ocr.Word{word("TARUN", 20, 140)}, false},
	} {
		again := ocr.Result{Lines: []ocr.Line{ocr.LineOf(tc.words)}}
		if got := splitAt(again, 1, space, func(x int) int { return x }); got != tc.want {
			t.Errorf("%s: splitAt = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestSpaceSplitApply(t *testing.T) {
	t.Parallel()
	sp := spaceSplit{from: "TARUN RANITIYER", to: "TARUN RANI IYER"}
	for in, want := range map[string]string{
		"TARUN RANITIYER": "TARUN RANI IYER",
		"TARUN RANIIYER":  "TARUN RANI IYER", // another pass's reading of the same print
		"TARUN RANI IYER": "TARUN RANI IYER",
		"TARUN RANI":      "TARUN RANI", // a shorter reading is another matter (mergeName)
		"KARAN RANIIYER":  "KARAN RANIIYER",
		"":                "",
	} {
		if got := sp.apply(in); got != want {
			t.Errorf("apply(%q) = %q, want %q", in, got, want)
		}
	}
	if got := (spaceSplit{}).apply("TARUN RANIIYER"); got != "TARUN RANIIYER" {
		t.Errorf("no split applied %q", got)
	}
}

func TestWidenGap(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		gap     int // px, in a line 20 px high
		wantGap int
	}{
		{"a narrow space grows to 0.6 line heights", 4, 12},
		{"a wider one still grows by 0.3 line heights", 10, 16},
	} {
		img, box := glyphLine([]int{14, 12, 12, 14}, []int{3, tc.gap, 3})
		gap := ocr.Span{From: 10 + 14 + 3 + 12, To: 10 + 14 + 3 + 12 + tc.gap}
		out, outBox, widened := widenGap(img, box, gap)
		if widened.Width() != tc.wantGap {
			t.Errorf("%s: widened to %d px, want %d", tc.name, widened.Width(), tc.wantGap)
		}
		around := image.Rect(box.Min.X-box.Dy(), box.Min.Y-box.Dy(), box.Max.X+box.Dy(), box.Max.Y+box.Dy()).Intersect(img.Rect)
		if grown := out.Rect.Dx() - around.Dx(); grown != tc.wantGap-tc.gap || outBox.Dx() != box.Dx()+grown {
			t.Errorf("%s: image grown by %d, box %v, want %d", tc.name, grown, outBox, tc.wantGap-tc.gap)
		}
		// The widened columns hold no ink: the space is ground.
		for x := widened.From + 1; x < widened.To-1; x++ {
			if v := out.GrayAt(x, outBox.Min.Y+outBox.Dy()/2).Y; v < 128 {
				t.Errorf("%s: ink at column %d of the widened space", tc.name, x)
				break
			}
		}
	}
}
