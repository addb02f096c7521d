package reader

import (
	"image"
	"testing"

	"github.com/enxtai/kyc/internal/ocr"
)

func TestNameHole(t *testing.T) {
	w := func(s string, c float64, x0, x1, h int) ocr.Word {
		return ocr.Word{Text: s, Confidence: c, Box: image.Rect(x0, 292, x1, 292+h)}
	}
	line := func(ws ...ocr.Word) ocr.Result {
		return ocr.Result{Lines: []ocr.Line{
			{Words: []ocr.Word{{Text: "MROPD9654A", Confidence: .93, Box: image.Rect(414, 180, 686, 209)}}},
			{Words: ws},
		}}
	}
	tests := []struct {
		name, reading string
		res           ocr.Result
		ok            bool
		head, tail    string
		box           image.Rectangle
	}{
		{"glare took the middle (seed 14 card 4, photographed 2018 PAN)", "ARV",
			line(w("ARV", .97, 302, 358, 20), w("=SHPANDE", .84, 462, 622, 21)), true, "ARV", "SHPANDE", image.Rect(302, 292, 622, 313)},
		{"two words kept, the hole after them", "ARVIND D",
			line(w("ARVIND", .95, 302, 418, 20), w("D", .9, 430, 445, 20), w("PANDE", .9, 540, 622, 20)), true, "ARVINDD", "PANDE", image.Rect(302, 292, 622, 312)},
		{"word spaces only", "ARVIND DESHPANDE",
			line(w("ARVIND", .96, 302, 418, 20), w("DESHPANDE", .96, 430, 622, 20)), false, "", "", image.Rectangle{}},
		{"the QR's corner after a name: short, unsure", "MEENAKSHI S",
			line(w("MEENAKSHI", .96, 302, 480, 20), w("S", .93, 492, 505, 20), w("OO", .45, 840, 870, 22)), false, "", "", image.Rectangle{}},
		{"the QR read as a long word: twice the height", "MEENAKSHI S",
			line(w("MEENAKSHI", .96, 302, 480, 20), w("S", .93, 492, 505, 20), w("WMWMW", .7, 840, 1000, 48)), false, "", "", image.Rectangle{}},
		{"the other end read unsurely, half in the glare (seed 11 card 39)", "SRI",
			line(w("SRI", .97, 306, 349, 15), w("-HAUHAN", .33, 448, 591, 21)), true, "SRI", "HAUHAN", image.Rect(306, 292, 591, 313)},
		{"the other end is two words (seed 11 card 9)", "LAKSHMI PRAS",
			line(w("LAKSHMI", .91, 301, 403, 17), w("PRAS/", .79, 413, 479, 16), w("RTHIKEYAN", .9, 583, 711, 16), w("REDDY", .97, 721, 799, 16)),
			true, "LAKSHMIPRAS", "RTHIKEYANREDDY", image.Rect(301, 292, 799, 309)},
		{"symbols after the gap", "RAVI",
			line(w("RAVI", .96, 302, 380, 20), w("[l:=|.", .4, 600, 700, 20)), false, "", "", image.Rectangle{}},
		{"the pass's name is not the line's left end", "KUMAR",
			line(w("ARV", .97, 302, 358, 20), w("KUMAR", .9, 462, 622, 20)), false, "", "", image.Rectangle{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, box, head, tail, ok := nameHole(tt.res, tt.reading)
			if ok != tt.ok || head != tt.head || tail != tt.tail || ok && (i != 1 || box != tt.box) {
				t.Fatalf("nameHole = line %d %v %q %q %v, want line 1 %v %q %q %v", i, box, head, tail, ok, tt.box, tt.head, tt.tail, tt.ok)
			}
		})
	}
}

func TestFillsHole(t *testing.T) {
	tests := []struct {
		again, head, tail string
		want              bool
	}{
		{"ARVIND DESHPANDE", "ARV", "SHPANDE", true},
		{"Arvind Deshpande", "ARV", "SHPANDE", true},
		{"ARV SHPANDE", "ARV", "SHPANDE", false},      // nothing between the ends
		{"ARVIND KULKARNI", "ARV", "SHPANDE", false},  // another line's name
		{"RAVIND DESHPANDE", "ARV", "SHPANDE", false}, // the left end lost
		{"ARVIND DESHPAND", "ARV", "SHPANDE", false},  // the right end cut
	}
	for _, tt := range tests {
		if got := fillsHole(tt.again, tt.head, tt.tail); got != tt.want {
			t.Errorf("fillsHole(%q, %q, %q) = %v, want %v", tt.again, tt.head, tt.tail, got, tt.want)
		}
	}
}

func TestTailOf(t *testing.T) {
	p := &holedName{head: "LAKSHMIPRAS", tail: "RTHIKEYANREDDY"}
	var none *holedName
	for _, tt := range []struct {
		p     *holedName
		value string
		want  bool
	}{
		{p, "RTHIKEYAN REDDY", true},
		{p, "M U SIVAKUMAR", false},
		{p, "", false},
		{none, "RTHIKEYAN REDDY", false},
	} {
		if got := tt.p.tailOf(tt.value); got != tt.want {
			t.Errorf("tailOf(%q) = %v, want %v", tt.value, got, tt.want)
		}
	}
}
