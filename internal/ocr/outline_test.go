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
