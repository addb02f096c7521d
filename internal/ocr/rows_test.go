package ocr

import (
	"image"
	"testing"
)

// w is a word read at 0.9 in the box (x0, y0)-(x1, y1).
func w(text string, x0, y0, x1, y1 int) Word {
	return Word{Text: text, Confidence: 0.9, Box: image.Rect(x0, y0, x1, y1)}
}

func TestRowsJoinsPiecesOfOneLine(t *testing.T) {
	t.Parallel()
	// Layout analysis put the three groups of a big number in three blocks,
	// between them a line of small print further up.
	res := Result{Lines: []Line{
		{Words: []Word{w("Name:", 300, 120, 380, 140), w("Rani", 390, 120, 450, 140)}},
		{Words: []Word{w("6002", 500, 567, 640, 616)}},
		{Words: []Word{w("2169", 40, 565, 180, 615)}},
		{Words: []Word{w("6201", 270, 566, 410, 616)}},
		{Words: []Word{w("small", 700, 590, 740, 600)}},
		// A name, and far to its right debris read from a QR code on the same band.
		{Words: []Word{w("AISHWARYA", 300, 300, 480, 330), w("RATHORE", 495, 300, 640, 330)}},
		{Words: []Word{w("OPE", 900, 302, 950, 328)}},
	}}
	got := res.Rows().Texts()
	want := []string{"Name: Rani", "AISHWARYA RATHORE", "OPE", "2169 6201 6002", "small"}
	if len(got) != len(want) {
		t.Fatalf("rows %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestRowsJoinAWordLayoutAnalysisCut(t *testing.T) {
	t.Parallel()
	// A skewed name line broken into two pieces inside PRASANNA (measured on probe-layouts seed 3, rotate).
	cut := Result{Lines: []Line{
		{Words: []Word{w("ANNA", 502, 300, 575, 324), w("CHIDAMBARAM", 594, 296, 792, 328)}},
		{Words: []Word{w("LAKSHMI", 285, 302, 408, 330), w("PRAS", 430, 304, 501, 328)}},
	}}
	if got := cut.Rows().Texts(); len(got) != 1 || got[0] != "LAKSHMI PRASANNA CHIDAMBARAM" {
		t.Errorf("cut word: rows %q", got)
	}
	// The same gap inside one Tesseract line is its own space, and a piece a word space away is another word.
	for _, res := range []Result{
		{Lines: []Line{{Words: []Word{w("LAKSHMI", 285, 302, 408, 330), w("PRAS", 430, 304, 501, 328), w("ANNA", 502, 300, 575, 324)}}}},
		{Lines: []Line{{Words: []Word{w("ANNA", 510, 300, 575, 324)}}, {Words: []Word{w("LAKSHMI", 285, 302, 408, 330), w("PRAS", 430, 304, 501, 328)}}}},
	} {
		if got := res.Rows().Texts(); len(got) != 1 || got[0] != "LAKSHMI PRAS ANNA" {
			t.Errorf("rows %q, want the words kept apart", got)
		}
	}
}

func TestRowsJoinAWordCutInsideItsOwnLine(t *testing.T) {
	t.Parallel()
	// A large bold masked number read as two words, the second box inside the first's end (probe-layouts seed 4,
	// DejaVu Sans Condensed at 1100 px).
	cut := Result{Lines: []Line{{Words: []Word{w("XXXX-XXXX-7", 304, 576, 793, 624), w("767", 693, 576, 794, 639)}}}}
	if got := cut.Rows().Texts(); len(got) != 1 || got[0] != "XXXX-XXXX-7767" {
		t.Errorf("overlapping words: rows %q", got)
	}
	// Words that touch or overlap by a sliver (italic print, a tight space) stay apart.
	for _, res := range []Result{
		{Lines: []Line{{Words: []Word{w("RAMA", 100, 10, 180, 40), w("KRISHNAN", 176, 10, 330, 40)}}}},
		{Lines: []Line{{Words: []Word{w("RAMA", 100, 10, 180, 40), w("KRISHNAN", 180, 10, 330, 40)}}}},
		// A blurred word boxed over the words after it (probe-layouts seed 2, DejaVu Sans Condensed at 640 px).
		{Lines: []Line{{Words: []Word{w("RAMA", 100, 10, 400, 40), w("KRISHNAN", 230, 10, 330, 40)}}}},
	} {
		if got := res.Rows().Texts(); len(got) != 1 || got[0] != "RAMA KRISHNAN" {
			t.Errorf("rows %q, want the words kept apart", got)
		}
	}
}
