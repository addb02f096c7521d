package ocr

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/disintegration/imaging"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

func TestEstimateSkewFindsRotation(t *testing.T) {
	t.Parallel()
	card := cardkit.RenderAadhaarBack(cardkit.NewPerson(cardkit.NewRand(9)))
	for _, angle := range []float64{-4, -2.5, 0, 1.5, 3.5} {
		g := Gray(imaging.Rotate(card, angle, color.White))
		if got := EstimateSkew(g); math.Abs(got-angle) > 0.5 {
			t.Errorf("rotated by %.1f, estimated %.1f", angle, got)
		}
	}
	if got := EstimateSkew(image.NewGray(image.Rect(0, 0, 100, 100))); got != 0 {
		t.Errorf("skew of an empty image = %v", got)
	}
}

func TestPrepareDeskewsAndScales(t *testing.T) {
	t.Parallel()
	card := imaging.Rotate(cardkit.RenderPAN(cardkit.NewPerson(cardkit.NewRand(2)), cardkit.PANNew), 3, color.White)
	p := Prepare(card, Prep{Width: 800, Deskew: true, Stretch: true})
	if math.Abs(p.Skew-3) > 0.5 {
		t.Errorf("skew %.1f, want about 3", p.Skew)
	}
	if p.Scale >= 1 || p.Image.Rect.Dx() < 800 {
		t.Errorf("scale %.2f, width %d", p.Scale, p.Image.Rect.Dx())
	}
	same := Prepare(card, Prep{Width: card.Bounds().Dx() + 20})
	if same.Scale != 1 {
		t.Error("a 2% size change should keep the size")
	}
}

func TestGrayMatchesStandardConversion(t *testing.T) {
	t.Parallel()
	src := image.NewNRGBA(image.Rect(3, 4, 13, 9))
	for i := range src.Pix {
		src.Pix[i] = uint8(i * 37)
		if i%4 == 3 {
			src.Pix[i] = 255 // opaque, as photos are
		}
	}
	g := Gray(src)
	for y := range 5 {
		for x := range 10 {
			want := color.GrayModel.Convert(src.At(x+3, y+4)).(color.Gray).Y
			if d := int(g.GrayAt(x, y).Y) - int(want); d < -1 || d > 1 {
				t.Fatalf("pixel %d,%d: %d, want %d", x, y, g.GrayAt(x, y).Y, want)
			}
		}
	}
	ycc := image.NewYCbCr(image.Rect(0, 0, 8, 8), image.YCbCrSubsampleRatio420)
	for i := range ycc.Y {
		ycc.Y[i] = uint8(i)
	}
	if Gray(ycc).Pix[9] != 9 {
		t.Error("YCbCr luma not copied")
	}
}

func TestContrastFlattenOtsu(t *testing.T) {
	t.Parallel()
	// Dark text on a background whose brightness falls from 230 to 90 left to right.
	g := image.NewGray(image.Rect(0, 0, 400, 200))
	for y := range 200 {
		for x := range 400 {
			bg := 230 - 140*x/400
			v := bg
			if y%40 < 6 && x%20 < 12 { // "ink"
				v = bg / 4
			}
			g.Pix[y*g.Stride+x] = uint8(v)
		}
	}
	flat := FlattenBackground(g)
	left, right := meanRect(flat, image.Rect(5, 10, 60, 35)), meanRect(flat, image.Rect(340, 10, 395, 35))
	if math.Abs(left-right) > 20 {
		t.Errorf("background not flattened: left %.0f right %.0f", left, right)
	}
	bin := Otsu(flat)
	for _, v := range bin.Pix {
		if v != 0 && v != 255 {
			t.Fatalf("Otsu output %d", v)
		}
	}
	if bin.GrayAt(3, 2).Y != 0 || bin.GrayAt(385, 2).Y != 0 || bin.GrayAt(395, 20).Y != 255 {
		t.Error("ink and paper not separated after flattening")
	}
	low := image.NewGray(image.Rect(0, 0, 100, 100))
	for i := range low.Pix {
		low.Pix[i] = uint8(100 + i%50)
	}
	st := StretchContrast(low)
	if st.Pix[0] > 10 || st.Pix[49] < 245 {
		t.Errorf("contrast not stretched: %d..%d", st.Pix[0], st.Pix[49])
	}
}

func meanRect(g *image.Gray, r image.Rectangle) float64 {
	sum, n := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			sum += int(g.GrayAt(x, y).Y)
			n++
		}
	}
	return float64(sum) / float64(n)
}

func TestLineCropStretchesAndEnlargesOneLine(t *testing.T) {
	t.Parallel()
	g := image.NewGray(image.Rect(0, 0, 400, 200))
	for i := range g.Pix {
		g.Pix[i] = 230 // glare: a light ground
	}
	for y := 100; y < 120; y++ { // grey "text" on it, 20 px high
		for x := 50; x < 150; x += 3 {
			g.SetGray(x, y, color.Gray{Y: 170})
		}
	}
	c := LineCrop(g, image.Rect(50, 100, 150, 120), 40)
	if c == nil {
		t.Fatal("no crop")
	}
	// 20 px high + 10 px margin each side, scaled by 48/20 (48 px a line): 96 px high.
	if c.Rect.Dy() != 96 {
		t.Errorf("crop height %d, want 96", c.Rect.Dy())
	}
	// width: 100 + 10 + 10 + 40 = 160 px, scaled by 48/20.
	if c.Rect.Dx() != 384 {
		t.Errorf("crop width %d, want 384", c.Rect.Dx())
	}
	lo, hi := uint8(255), uint8(0)
	for _, v := range c.Pix {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo > 30 || hi < 225 {
		t.Errorf("contrast not stretched on the crop: %d..%d", lo, hi)
	}
	// Large print (a big bold number, 96 px a line) is reduced to 48 px a line:
	// 96 + 48 + 48 = 192 px high scaled by 48/96.
	if big := LineCrop(image.NewGray(image.Rect(0, 0, 800, 400)), image.Rect(100, 100, 500, 196), 0); big == nil {
		t.Error("no crop of large print")
	} else if big.Rect.Dy() != 96 {
		t.Errorf("large print crop %v, want 96 px high", big.Rect)
	}
	if LineCrop(g, image.Rect(500, 500, 600, 520), 0) != nil {
		t.Error("a box outside the image should give no crop")
	}
	if LineCrop(g, image.Rectangle{}, 0) != nil {
		t.Error("an empty box should give no crop")
	}
}

func TestLineCropXMapsTheCropBackToTheImage(t *testing.T) {
	t.Parallel()
	g := image.NewGray(image.Rect(0, 0, 800, 400))
	for _, tc := range []struct {
		name string
		box  image.Rectangle
	}{
		{"small print, enlarged", image.Rect(50, 100, 150, 120)},
		{"print at the crop's own height", image.Rect(100, 100, 300, 148)},
		{"large print, reduced", image.Rect(100, 100, 500, 196)},
	} {
		r := LineCropRect(g, tc.box, 0)
		c := LineCrop(g, tc.box, 0)
		if got := LineCropX(g, tc.box, 0, 0); got != r.Min.X {
			t.Errorf("%s: column 0 maps to %d, want the crop's left edge %d", tc.name, got, r.Min.X)
		}
		if got := LineCropX(g, tc.box, 0, c.Rect.Dx()); got < r.Max.X-2 || got > r.Max.X+2 {
			t.Errorf("%s: the crop's right edge maps to %d, want %d", tc.name, got, r.Max.X)
		}
	}
}
