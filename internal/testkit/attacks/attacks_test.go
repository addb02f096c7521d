package attacks

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
)

// portrait is a synthetic 320×400 picture: a smooth colour gradient with a darker oval, enough structure
// to see what each attack changes.
func portrait() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, 320, 400))
	for y := 0; y < 400; y++ {
		for x := 0; x < 320; x++ {
			c := color.NRGBA{R: uint8(120 + x/4), G: uint8(60 + y/4), B: uint8(200 - x/4), A: 255}
			if dx, dy := float64(x-160)/90, float64(y-180)/120; dx*dx+dy*dy < 1 {
				c = color.NRGBA{R: 210, G: 160, B: 130, A: 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func TestMakeIsDeterministicAndKeepsSize(t *testing.T) {
	src := portrait()
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			a := Make(src, k, rand.New(rand.NewPCG(7, 9)))
			b := Make(src, k, rand.New(rand.NewPCG(7, 9)))
			c := Make(src, k, rand.New(rand.NewPCG(8, 9)))
			if a.Bounds().Size() != src.Bounds().Size() {
				t.Fatalf("size %v, want %v", a.Bounds().Size(), src.Bounds().Size())
			}
			if meanDiff(a, b) != 0 {
				t.Fatal("same seed, different image")
			}
			if meanDiff(a, c) == 0 {
				t.Fatal("different seeds, same image")
			}
			if d := meanDiff(a, src); d < 5 {
				t.Fatalf("attack barely changes the picture (mean difference %.1f)", d)
			}
		})
	}
}

func TestPrintsLoseColourAndFramesShowBorders(t *testing.T) {
	src := portrait()
	r := rand.New(rand.NewPCG(1, 1))
	if s, p := saturation(src), saturation(Make(src, PrintCloseup, r)); p >= s*0.9 {
		t.Fatalf("print saturation %.3f, original %.3f: want faded", p, s)
	}
	// A framed attack shows the medium smaller than the frame: the corner no longer shows the photo's corner.
	for _, k := range []Kind{PrintFramed, ScreenFramed, ScreenAngled} {
		a := Make(src, k, rand.New(rand.NewPCG(3, 3)))
		if d := pixelDiff(a.At(2, 2), src.At(2, 2)); d < 10 {
			t.Fatalf("%s: corner unchanged (difference %.1f): no border or background", k, d)
		}
	}
}

func TestScreensAddPeriodicTexture(t *testing.T) {
	src := portrait()
	flat := image.NewNRGBA(src.Rect)
	for i := range flat.Pix {
		flat.Pix[i] = 160
	}
	for _, k := range []Kind{ScreenCloseup, ScreenMoire} {
		screenTexture(t, Make(flat, k, rand.New(rand.NewPCG(5, 5))))
	}
}

// screenTexture fails unless a, a flat grey picture shown on a screen, is no longer flat.
func screenTexture(t *testing.T, a image.Image) {
	t.Helper()
	var sum, sq float64
	n := 0
	b := a.Bounds()
	for y := b.Min.Y + 20; y < b.Max.Y-20; y++ {
		for x := b.Min.X + 20; x < b.Max.X-20; x++ {
			r, _, _, _ := a.At(x, y).RGBA()
			v := float64(r >> 8)
			sum, sq, n = sum+v, sq+v*v, n+1
		}
	}
	mean := sum / float64(n)
	if sd := math.Sqrt(sq/float64(n) - mean*mean); sd < 3 {
		t.Fatalf("screen texture standard deviation %.2f on a flat picture", sd)
	}
}

// A cut-out print has no paper margin: its border shows the (blurred) scene behind it, not near-white paper.
func TestPrintCutHasNoPaperMargin(t *testing.T) {
	src := portrait()
	a := Make(src, PrintCut, rand.New(rand.NewPCG(7, 7)))
	framed := Make(src, PrintFramed, rand.New(rand.NewPCG(7, 7)))
	if d := pixelDiff(a.At(1, 1), src.At(1, 1)); d > 60 {
		t.Fatalf("print-cut corner differs from the scene by %.1f: want the scene behind the cut-out", d)
	}
	if meanDiff(a, src) >= meanDiff(framed, src)*1.5 {
		t.Fatalf("print-cut is further from the live picture than a framed print")
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range Kinds {
		if got, err := ParseKind(string(k)); err != nil || got != k {
			t.Fatalf("%s: %v %v", k, got, err)
		}
	}
	if _, err := ParseKind("deepfake"); err == nil {
		t.Fatal("unknown kind accepted")
	}
}

func BenchmarkMake(b *testing.B) {
	src := image.NewNRGBA(image.Rect(0, 0, 800, 800))
	for range b.N {
		Make(src, ScreenFramed, rand.New(rand.NewPCG(1, 2)))
	}
}

func meanDiff(a, b image.Image) float64 {
	var sum float64
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			sum += pixelDiff(a.At(x, y), b.At(x-r.Min.X+b.Bounds().Min.X, y-r.Min.Y+b.Bounds().Min.Y))
		}
	}
	return sum / float64(r.Dx()*r.Dy())
}

func pixelDiff(a, b color.Color) float64 {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	return (math.Abs(float64(ar)-float64(br)) + math.Abs(float64(ag)-float64(bg)) + math.Abs(float64(ab)-float64(bb))) / 3 / 257
}

func saturation(img image.Image) float64 {
	var sum float64
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			mx := math.Max(float64(cr), math.Max(float64(cg), float64(cb)))
			mn := math.Min(float64(cr), math.Min(float64(cg), float64(cb)))
			if mx > 0 {
				sum += (mx - mn) / mx
			}
		}
	}
	return sum / float64(r.Dx()*r.Dy())
}
