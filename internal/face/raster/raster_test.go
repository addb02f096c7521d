package raster

import (
	"image"
	"image/color"
	"math"
	"testing"
)

func TestFitSimilarityRecoversTransform(t *testing.T) {
	cases := []struct {
		name string
		want Similarity
	}{
		{"identity", Similarity{A: 1}},
		{"scale and shift", Similarity{A: 0.5, TX: 10, TY: -4}},
		{"rotate 30 degrees and scale 2", Similarity{A: 2 * math.Cos(math.Pi/6), B: 2 * math.Sin(math.Pi/6), TX: 3, TY: 7}},
	}
	src := []Point{{10, 20}, {50, 22}, {30, 60}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dst := make([]Point, len(src))
			for i, p := range src {
				dst[i] = c.want.Apply(p)
			}
			got, err := FitSimilarity(src, dst)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range []float64{got.A - c.want.A, got.B - c.want.B, got.TX - c.want.TX, got.TY - c.want.TY} {
				if math.Abs(d) > 1e-9 {
					t.Fatalf("got %+v, want %+v", got, c.want)
				}
			}
			inv, ok := got.Inverse()
			if !ok {
				t.Fatal("not invertible")
			}
			back := inv.Apply(got.Apply(Point{7, 9}))
			if math.Hypot(back.X-7, back.Y-9) > 1e-9 {
				t.Fatalf("inverse maps back to %v", back)
			}
		})
	}
}

func TestFitSimilarityRejectsDegenerate(t *testing.T) {
	cases := map[string][2][]Point{
		"one point":       {{{1, 1}}, {{2, 2}}},
		"coincident":      {{{1, 1}, {1, 1}}, {{0, 0}, {5, 5}}},
		"length mismatch": {{{1, 1}, {2, 2}}, {{0, 0}}},
	}
	for name, c := range cases {
		if _, err := FitSimilarity(c[0], c[1]); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

func uniform(w, h int, c [3]byte) *RGB {
	m := NewRGB(w, h)
	for i := 0; i < len(m.Pix); i += 3 {
		copy(m.Pix[i:i+3], c[:])
	}
	return m
}

func TestResize(t *testing.T) {
	grey := uniform(40, 30, [3]byte{100, 150, 200})
	for _, size := range [][2]int{{10, 7}, {40, 30}, {97, 61}, {1, 1}} {
		out := Resize(grey, size[0], size[1])
		if out.W != size[0] || out.H != size[1] {
			t.Fatalf("size %dx%d, want %v", out.W, out.H, size)
		}
		for i := 0; i < len(out.Pix); i += 3 {
			if out.Pix[i] != 100 || out.Pix[i+1] != 150 || out.Pix[i+2] != 200 {
				t.Fatalf("uniform image changed colour at %d: %v", i/3, out.Pix[i:i+3])
			}
		}
	}
	// Shrinking a one-pixel checkerboard by 2 must average it to grey, not alias it.
	board := NewRGB(64, 64)
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			if (x+y)%2 == 0 {
				copy(board.Pix[3*(y*64+x):], []byte{255, 255, 255})
			}
		}
	}
	small := Resize(board, 32, 32)
	for i, v := range small.Pix {
		if v < 126 || v > 129 {
			t.Fatalf("checkerboard shrunk to %d at %d, want about 128", v, i)
		}
	}
}

func TestCropPadsOutside(t *testing.T) {
	img := uniform(10, 10, [3]byte{9, 9, 9})
	c := Crop(img, image.Rect(-5, -5, 5, 5))
	if c.W != 10 || c.H != 10 {
		t.Fatalf("size %dx%d", c.W, c.H)
	}
	if c.Pix[0] != 0 || c.Pix[3*(9*10+9)] != 9 {
		t.Fatalf("outside must be black and inside copied: %v %v", c.Pix[0], c.Pix[3*(9*10+9)])
	}
}

func TestWarpIdentityAndShift(t *testing.T) {
	img := NewRGB(8, 8)
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	same, err := Warp(img, Similarity{A: 1}, 8, 8)
	if err != nil {
		t.Fatal(err)
	}
	for i := range img.Pix {
		if same.Pix[i] != img.Pix[i] {
			t.Fatalf("identity warp changed byte %d", i)
		}
	}
	shifted, err := Warp(img, Similarity{A: 1, TX: -2}, 8, 8) // target x = source x - 2
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shifted.Pix[0], img.Pix[3*2]; got != want {
		t.Fatalf("shifted pixel %d, want %d", got, want)
	}
	if _, err := Warp(img, Similarity{}, 8, 8); err == nil {
		t.Fatal("zero-scale transform must fail")
	}
}

func TestFromImageMatchesColourModel(t *testing.T) {
	rgba := image.NewRGBA(image.Rect(2, 3, 6, 7)) // non-zero origin
	nrgba := image.NewNRGBA(rgba.Rect)
	ycc := image.NewYCbCr(rgba.Rect, image.YCbCrSubsampleRatio420)
	for y := 3; y < 7; y++ {
		for x := 2; x < 6; x++ {
			c := color.RGBA{R: uint8(40 * x), G: uint8(30 * y), B: 77, A: 255}
			rgba.Set(x, y, c)
			nrgba.Set(x, y, c)
			ycc.Y[ycc.YOffset(x, y)] = uint8(20 * x)
		}
	}
	for name, img := range map[string]image.Image{"rgba": rgba, "nrgba": nrgba, "ycbcr": ycc} {
		out := FromImage(img)
		if out.W != 4 || out.H != 4 {
			t.Fatalf("%s: size %dx%d", name, out.W, out.H)
		}
		for y := 0; y < 4; y++ {
			for x := 0; x < 4; x++ {
				r, g, b, _ := img.At(x+2, y+3).RGBA()
				i := 3 * (y*4 + x)
				if out.Pix[i] != uint8(r>>8) || out.Pix[i+1] != uint8(g>>8) || out.Pix[i+2] != uint8(b>>8) {
					t.Fatalf("%s: pixel (%d,%d) = %v, want %d %d %d", name, x, y, out.Pix[i:i+3], r>>8, g>>8, b>>8)
				}
			}
		}
	}
}
