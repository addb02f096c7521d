package reader

import (
	"image"
	"image/color"
	"testing"

	"github.com/enxtai/kyc/internal/ocr"
)

// glyphs paints n dark glyph blocks of width w, gap apart, from x in the band
// y0..y1 of img.
func glyphs(img *image.Gray, x, n, w, gap, y0, y1 int, level uint8) {
	for g := range n {
		for xx := x + g*(w+gap); xx < x+g*(w+gap)+w; xx++ {
			for y := y0; y < y1; y++ {
				img.SetGray(xx, y, color.Gray{level})
			}
		}
	}
}

func TestCutOnTheRight(t *testing.T) {
	// A name line 20 px high: "Name: Sai Padmanabhan" read as three words
	// ending at x=420; what lies right of it varies.
	line := ocr.Line{Words: []ocr.Word{
		{Text: "Name:", Box: image.Rect(100, 100, 180, 120)},
		{Text: "Sai", Box: image.Rect(190, 100, 240, 120)},
		{Text: "Padmanabhan", Box: image.Rect(250, 100, 420, 120)},
	}, Box: image.Rect(100, 100, 420, 120)}
	res := ocr.Result{Lines: []ocr.Line{line}}
	base := func(shade func(x int) uint8) *image.Gray {
		img := image.NewGray(image.Rect(0, 0, 1000, 300))
		for y := range 300 {
			for x := range 1000 {
				img.SetGray(x, y, color.Gray{shade(x)})
			}
		}
		glyphs(img, 100, 16, 12, 8, 102, 118, 30) // the words read
		return img
	}
	white := func(int) uint8 { return 235 }
	gradient := func(x int) uint8 { return uint8(235 - x/8) } // darker to the right, as under a side light
	tests := []struct {
		name  string
		paint func(*image.Gray)
		shade func(int) uint8
		want  image.Rectangle
		ok    bool
	}{
		{"a word lost at the end", func(g *image.Gray) { glyphs(g, 432, 4, 11, 4, 102, 118, 60) }, gradient, image.Rect(100, 100, 488, 120), true},
		{"nothing after the line", func(*image.Gray) {}, white, image.Rectangle{}, false},
		{"only the light's gradient", func(*image.Gray) {}, gradient, image.Rectangle{}, false},
		{"a photo's edge: one stroke", func(g *image.Gray) { glyphs(g, 430, 1, 2, 0, 90, 130, 40) }, white, image.Rectangle{}, false},
		{"print far right (a QR)", func(g *image.Gray) { glyphs(g, 600, 6, 10, 3, 100, 120, 20) }, white, image.Rectangle{}, false},
		{"a QR code a word space after a long name (seed 15 card 12, rotate)", func(g *image.Gray) {
			for row := 60; row < 160; row += 12 {
				glyphs(g, 432, 6, 8, 6, row, row+8, 20)
			}
		}, white, image.Rectangle{}, false},
		{"a lost word over a clean line below it", func(g *image.Gray) {
			glyphs(g, 432, 4, 11, 4, 102, 118, 60)
			glyphs(g, 100, 10, 12, 8, 160, 180, 30) // the next line, a line space below
		}, white, image.Rect(100, 100, 488, 120), true},
		{"faint specks", func(g *image.Gray) { glyphs(g, 432, 4, 2, 6, 108, 110, 200) }, white, image.Rectangle{}, false},
		// Measured on a seen seed's plain front under uneven light ("Naid" for Naidu, 31 px line): the u's two
		// stems 2 and 1 px apart from the word's end and each other, 19 px in all.
		{"one glyph lost at the end, its stems apart", func(g *image.Gray) { glyphs(g, 422, 2, 4, 3, 104, 118, 60) }, gradient, image.Rect(100, 100, 433, 120), true},
		{"one glyph a word space off", func(g *image.Gray) { glyphs(g, 430, 2, 4, 3, 104, 118, 60) }, gradient, image.Rectangle{}, false},
		{"one thin stroke: an edge", func(g *image.Gray) { glyphs(g, 422, 1, 2, 0, 104, 118, 40) }, white, image.Rectangle{}, false},
		{"one glyph as tall as a QR beside it", func(g *image.Gray) { glyphs(g, 422, 2, 4, 3, 80, 140, 30) }, white, image.Rectangle{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := base(tt.shade)
			tt.paint(img)
			got, ok := cutOnTheRight(res, 0, img)
			if ok != tt.ok || got != tt.want {
				t.Fatalf("cutOnTheRight = %v %v, want %v %v", got, ok, tt.want, tt.ok)
			}
		})
	}
	if _, ok := cutOnTheRight(res, 0, nil); ok {
		t.Fatal("no image: nothing to look at")
	}
}

func TestGainsWords(t *testing.T) {
	tests := []struct {
		long, short string
		want        bool
	}{
		{"Sai Padmanabhan Nair", "Sai Padmanabhan", true},
		{"RAVI KUMAR I", "RAVI KUMAR", false}, // a photo's edge read as an initial
		{"K RAVI KUMAR NAIR", "RAVI KUMAR", false},
		{"RAVI KUMAR", "RAVI KUMAR", true},
	}
	for _, tt := range tests {
		if got := gainsWords(tt.long, tt.short); got != tt.want {
			t.Errorf("gainsWords(%q, %q) = %v, want %v", tt.long, tt.short, got, tt.want)
		}
	}
}

func TestEndsWhole(t *testing.T) {
	tests := []struct {
		long, short string
		want        bool
	}{
		{"Rama Thenmozhi Meenakshi Natarajan", "Rama Thenmozhi Meenal", true}, // seed 15 card 0, lighting
		{"Sai Padmanabhan", "Sai Padmanab", true},
		{"Siva Jayalakshmi Thenmozhi Nair", "Siva Jayalakshmi Ther", true}, // the cut glyph read another letter
		{"Siva Jayalakshmi Thomas", "Siva Jayalakshmi Then", false},        // the letters before the last differ: another word
		{"Siva Jayalakshmi Thenmozhi", "Siva Jayalakshmi Thr", false},      // three letters: too little to tell
		{"Rama Thenmozhi Meenakshi", "Rama Thenmozhi Meenakshi", false},    // nothing grew
		{"Rama Thenmozhi Mohan", "Rama Thenmozhi Meenal", false},           // another word
		{"Rama Thenmozhi Meenakshi", "Rama Thenmozhi Mee", false},          // too little of it read to tell
		{"Ravi Thenmozhi Meenakshi", "Rama Thenmozhi Meenal", false},       // the words before it differ
		{"Rama", "Rama Thenmozhi", false},
	}
	for _, tt := range tests {
		if got := endsWhole(tt.long, tt.short); got != tt.want {
			t.Errorf("endsWhole(%q, %q) = %v, want %v", tt.long, tt.short, got, tt.want)
		}
	}
}

func TestBeginsWhole(t *testing.T) {
	tests := []struct {
		long, short string
		want        bool
	}{
		{"ADITYA MALHOTRA", "ALHOTRA", true},                // seed 22 card 6, photographed 2018 PAN
		{"SRIRAM KULKARNI", "RAM KULKARNI", false},          // too little of it read to tell
		{"SRIRAM KUMAR KULKARNI", "SRIRAM KULKARNI", false}, // the words after it differ
		{"ADITYA MALHOTRA", "ADITYA MALHOTRA", false},       // nothing grew
		{"ADITYA MEHROTRA", "ALHOTRA", false},               // another word
		{"MALHOTRA", "ALHOTRA", true},                       // the word's own first letter
		{"MALHOTRA", "ALHOTRA SINGH", false},
	}
	for _, tt := range tests {
		if got := beginsWhole(tt.long, tt.short); got != tt.want {
			t.Errorf("beginsWhole(%q, %q) = %v, want %v", tt.long, tt.short, got, tt.want)
		}
	}
}
