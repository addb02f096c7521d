package reader

import (
	"context"
	"image"
	"slices"
	"testing"

	"github.com/enxtai/kyc/internal/ocr"
)

func TestCutOnTheLeft(t *testing.T) {
	t.Parallel()
	line := func(x0, y0, x1, y1 int) ocr.Line { return ocr.Line{Box: image.Rect(x0, y0, x1, y1)} }
	// Measured on the tuning seed's blurred 2018 PAN: label, the name's line
	// missing its first two words, the father's label.
	label, father := line(291, 244, 394, 269), line(291, 335, 540, 352)
	for _, tc := range []struct {
		name  string
		lines []ocr.Line
		i     int
		want  image.Rectangle // empty: not cut
	}{
		{"first words lost", []ocr.Line{label, line(511, 286, 770, 301), father}, 1, image.Rect(291, 286, 770, 301)},
		{"whole name", []ocr.Line{label, line(291, 286, 770, 301), father}, 1, image.Rectangle{}},
		{"a small indent", []ocr.Line{label, line(320, 286, 770, 301), father}, 1, image.Rectangle{}},
		{"neighbours not aligned", []ocr.Line{label, line(511, 286, 770, 301), line(450, 335, 540, 352)}, 1, image.Rectangle{}},
		{"first line", []ocr.Line{line(511, 286, 770, 301), father}, 0, image.Rectangle{}},
		{"last line", []ocr.Line{label, line(511, 286, 770, 301)}, 1, image.Rectangle{}},
		{"beside its neighbour, not under it", []ocr.Line{label, line(511, 246, 770, 268), father}, 1, image.Rectangle{}},
	} {
		got, ok := cutOnTheLeft(ocr.Result{Lines: tc.lines}, tc.i)
		if ok != !tc.want.Empty() || got != tc.want {
			t.Errorf("%s: %v %v, want %v", tc.name, got, ok, tc.want)
		}
	}
}

func TestCutLeftOfColumn(t *testing.T) {
	t.Parallel()
	line := func(x0, y0, x1, y1 int) ocr.Line { return ocr.Line{Box: image.Rect(x0, y0, x1, y1)} }
	// Measured on a photographed 2018 PAN (seed 16): the name's line without its washed-out first word, the
	// father's label, the father's name, the date's label and the date.
	name := line(453, 281, 623, 303)
	label, father, dobLabel, dob := line(493, 342, 561, 356), line(303, 372, 642, 394), line(302, 425, 568, 454), line(303, 489, 497, 516)
	for _, tc := range []struct {
		name  string
		lines []ocr.Line
		want  image.Rectangle // empty: not cut
	}{
		{"first word lost", []ocr.Line{name, label, father, dobLabel, dob}, image.Rect(302, 281, 623, 303)},
		{"whole name", []ocr.Line{line(303, 281, 623, 303), label, father, dobLabel, dob}, image.Rectangle{}},
		{"a small indent", []ocr.Line{line(340, 281, 623, 303), label, father, dobLabel, dob}, image.Rectangle{}},
		{"no two lines below share an edge", []ocr.Line{name, label, father, line(380, 425, 568, 454)}, image.Rectangle{}},
		{"the lines sharing an edge are far below", []ocr.Line{name, label, line(303, 600, 642, 622), line(303, 650, 497, 672)}, image.Rectangle{}},
		{"the last line", []ocr.Line{father, dob, name}, image.Rectangle{}},
	} {
		i := slices.IndexFunc(tc.lines, func(l ocr.Line) bool { return l.Box.Min.Y == 281 })
		got, ok := cutLeftOfColumn(ocr.Result{Lines: tc.lines}, i)
		if ok != !tc.want.Empty() || got != tc.want {
			t.Errorf("%s: %v %v, want %v", tc.name, got, ok, tc.want)
		}
	}
}

// edgeRecognizer reads one word ending gap pixels short of the crop's right edge.
type edgeRecognizer struct{ gap int }

func (e edgeRecognizer) Recognize(_ context.Context, img *image.Gray, _ ocr.Pass) (ocr.Result, error) {
	box := image.Rect(5, 5, img.Rect.Max.X-e.gap, img.Rect.Max.Y-5)
	return ocr.Result{Lines: []ocr.Line{{Words: []ocr.Word{{Text: "Krishnamurt!", Confidence: 0.76, Box: box}}, Box: box}}}, nil
}

func TestReadCropTellsAWordRunningToItsEdge(t *testing.T) {
	t.Parallel()
	// A name line in a card read 1100 px wide, as on probe-layouts seed 3's photographed front, whose pass's box
	// ended inside the last word: its re-read ran to the crop's edge ("Krishnamurt!" for Krishnamurthy).
	img, line := image.NewGray(image.Rect(0, 0, 1100, 596)), image.Rect(274, 52, 861, 77)
	for _, tc := range []struct {
		name string
		gap  int
		box  image.Rectangle
		want bool
	}{
		{"runs to the edge", 0, line, true},
		{"within the slack", cropEdgeSlack, line, true},
		{"ends before the edge", 30, line, false},
		{"the crop ends at the image's edge: nothing more to read", 0, image.Rect(274, 52, 1090, 77), false},
	} {
		var stats Stats
		r := &Reader{eng: edgeRecognizer{tc.gap}}
		_, cut, ok, err := r.readCrop(context.Background(), img, tc.box, 0, &stats)
		if err != nil || !ok || cut != tc.want || stats.Passes != 1 {
			t.Errorf("%s: cut %v ok %v err %v passes %d, want cut %v", tc.name, cut, ok, err, stats.Passes, tc.want)
		}
	}
}
