package ocr

import (
	"image"
	"image/color"
	"testing"

	"github.com/disintegration/imaging"
)

// cardOnTable draws a white card with dark print, turned by angle degrees, on
// a darker surface.
func cardOnTable(angle float64, bg uint8) (*image.Gray, image.Rectangle) {
	card := image.NewGray(image.Rect(0, 0, 530, 334))
	for i := range card.Pix {
		card.Pix[i] = 245
	}
	for y := 40; y < 300; y += 40 { // lines of "print"
		for x := 30; x < 400; x++ {
			for dy := range 12 {
				card.Pix[(y+dy)*card.Stride+x] = 30
			}
		}
	}
	turned := Gray(imaging.Rotate(card, angle, color.Gray{bg}))
	table := image.NewGray(image.Rect(0, 0, 900, 700))
	for i := range table.Pix {
		table.Pix[i] = bg
	}
	at := image.Pt(150, 140)
	r := turned.Rect.Add(at)
	for y := range turned.Rect.Dy() {
		copy(table.Pix[(at.Y+y)*table.Stride+at.X:], turned.Pix[y*turned.Stride:y*turned.Stride+turned.Rect.Dx()])
	}
	return table, r
}

func TestFindCardOnASurface(t *testing.T) {
	t.Parallel()
	img, r := cardOnTable(0, 90)
	q, ok := FindCard(img)
	if !ok {
		t.Fatal("card not found")
	}
	want := [4]image.Point{r.Min, {r.Max.X, r.Min.Y}, r.Max, {r.Min.X, r.Max.Y}}
	for i := range q {
		if d := q[i].Sub(want[i]); abs(d.X) > 8 || abs(d.Y) > 8 {
			t.Errorf("corner %d at %v, want near %v", i, q[i], want[i])
		}
	}
	out := Rectify(img, q, 1060)
	if w, h := out.Rect.Dx(), out.Rect.Dy(); w != 1060 || h < 630 || h > 710 {
		t.Errorf("rectified to %dx%d, want 1060 x ~668", w, h)
	}

	turned, _ := cardOnTable(12, 70)
	if _, ok := FindCard(turned); !ok {
		t.Error("turned card not found")
	}
}

func TestFindCardLeavesOtherImagesAlone(t *testing.T) {
	t.Parallel()
	full, _ := cardOnTable(0, 245) // a card on a surface as light as itself: all one region
	if _, ok := FindCard(full); ok {
		t.Error("found a card in a uniformly light image")
	}
	// A bright half (lighting) reaching the frame is not a card.
	half := image.NewGray(image.Rect(0, 0, 800, 500))
	for y := range 500 {
		for x := range 800 {
			half.Pix[y*half.Stride+x] = uint8(60 + 190*(x/400))
		}
	}
	if _, ok := FindCard(half); ok {
		t.Error("took a lit half of the frame for a card")
	}
	if _, ok := FindCard(image.NewGray(image.Rect(0, 0, 20, 20))); ok {
		t.Error("found a card in a tiny image")
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// scene draws a 900x700 photo: surface(x, y) everywhere, and inside the
// card's rectangle card(x, y) (x, y relative to the card) over a white
// ground with lines of dark print.
func scene(surface func(x, y int) uint8, card image.Rectangle, paint func(x, y int, v uint8) uint8) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, 900, 700))
	for y := range 700 {
		for x := range 900 {
			v := surface(x, y)
			if p := image.Pt(x, y); p.In(card) {
				cx, cy := x-card.Min.X, y-card.Min.Y
				v = 240
				if cy >= 60 && cy < 260 && cy%40 < 12 && cx >= 40 && cx < card.Dx()-120 {
					v = 35 // print
				}
				if paint != nil {
					v = paint(cx, cy, v)
				}
			}
			img.Pix[y*img.Stride+x] = v
		}
	}
	return img
}

// TestFindCardShapesThatCutTheRegion: lighting and print that move part of
// a card across the threshold, or join the surface to it, and so cut the
// bright region short or stretch it; the card's outline is still found
// within a few pixels.
func TestFindCardShapesThatCutTheRegion(t *testing.T) {
	t.Parallel()
	card := image.Rect(150, 140, 680, 474)
	flat := func(v uint8) func(x, y int) uint8 { return func(int, int) uint8 { return v } }
	for _, tc := range []struct {
		name    string
		surface func(x, y int) uint8
		paint   func(x, y int, v uint8) uint8
	}{
		// A dark rule printed across the card near its foot (the Aadhaar's
		// red line) splits the bright region: the strip below it was lost.
		{"rule across the card near an edge", flat(80), func(x, y int, v uint8) uint8 {
			if y >= 296 && y < 303 {
				return 40
			}
			return v
		}},
		// A printed band along the top edge (the letter's saffron strip)
		// darker than the threshold.
		{"band along an edge", flat(70), func(x, y int, v uint8) uint8 {
			if y < 16 {
				return 115
			}
			return v
		}},
		// A hand's shadow over one end of the card, softly edged.
		{"shadowed end", flat(55), func(x, y int, v uint8) uint8 {
			f := min(1, max(0, float64(x-330)/40))
			return uint8(float64(v) * (1 - 0.55*f))
		}},
		// A lamp's reflection on the surface beside a corner, touching the
		// card: the corner was taken from the blob.
		{"bright blob at a corner", func(x, y int) uint8 {
			if dx, dy := x-150, y-474; dx*dx+dy*dy < 55*55 {
				return 250
			}
			return 85
		}, nil},
		// A surface lit as brightly as the card in one corner of the photo,
		// joining the card there: the region reached the frame.
		{"light surface touching the card", func(x, y int) uint8 {
			if x+y < 300 {
				return 238
			}
			return 85
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			img := scene(tc.surface, card, tc.paint)
			q, ok := FindCard(img)
			if !ok {
				t.Fatal("card not found")
			}
			want := [4]image.Point{card.Min, {card.Max.X - 1, card.Min.Y}, card.Max.Sub(image.Pt(1, 1)), {card.Min.X, card.Max.Y - 1}}
			for i := range q {
				if d := q[i].Sub(want[i]); abs(d.X) > 5 || abs(d.Y) > 5 {
					t.Errorf("corner %d at %v, want near %v", i, q[i], want[i])
				}
			}
		})
	}
}

// BenchmarkFindCard: one call on a phone-sized photo (1600x1244) of a card
// with a rule near its foot on a plain surface.
func BenchmarkFindCard(b *testing.B) {
	small := scene(func(int, int) uint8 { return 80 }, image.Rect(150, 140, 680, 474), func(x, y int, v uint8) uint8 {
		if y >= 296 && y < 303 {
			return 40
		}
		return v
	})
	img := Gray(imaging.Resize(small, 1600, 0, imaging.Linear))
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := FindCard(img); !ok {
			b.Fatal("card not found")
		}
	}
}
