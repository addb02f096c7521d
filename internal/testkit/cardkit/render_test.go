package cardkit

import (
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// inkFraction is the share of dark pixels: a drawn card has text, a failed
// render is blank.
func inkFraction(img image.Image) float64 {
	b := img.Bounds()
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			if g.Y < 100 {
				dark++
			}
		}
	}
	return float64(dark) / float64(b.Dx()*b.Dy()/4)
}

func TestRenderersDrawCards(t *testing.T) {
	t.Parallel()
	p := NewPerson(NewRand(1))
	face := image.NewUniform(color.RGBA{200, 150, 120, 255})
	for _, tc := range []struct {
		name string
		img  image.Image
	}{
		{"pan old", RenderPAN(p, PANOld)},
		{"pan new", RenderPAN(p, PANNew)},
		{"aadhaar front", RenderAadhaarFront(p, nil)},
		{"aadhaar front with face", RenderAadhaarFront(p, image.NewRGBA(image.Rect(0, 0, 300, 400)))},
		{"aadhaar front uniform face", RenderAadhaarFront(p, face)},
		{"aadhaar back", RenderAadhaarBack(p)},
	} {
		b := tc.img.Bounds()
		if b.Dx() < 1000 || b.Dx() > 1100 || b.Dy() < 600 || b.Dy() > 720 {
			t.Errorf("%s: size %v, want about 1060x668", tc.name, b.Size())
		}
		if f := inkFraction(tc.img); f < 0.01 || f > 0.5 {
			t.Errorf("%s: ink fraction %.3f looks wrong", tc.name, f)
		}
	}
}

// TestEveryFamilyAndTypeface draws each layout of both documents in every
// typeface: each must render text (not a blank or a broken font) at a
// plausible size.
func TestEveryFamilyAndTypeface(t *testing.T) {
	t.Parallel()
	p := NewPerson(NewRand(3))
	for _, tf := range Typefaces {
		for _, l := range AadhaarLayouts {
			for _, side := range []Doc{DocAadhaarFront, DocAadhaarBack} {
				checkCard(t, string(l)+"/"+string(side)+"/"+string(tf), RenderAadhaar(side, p, l, tf, nil))
			}
		}
		for _, l := range PANLayouts {
			checkCard(t, string(l)+"/"+string(tf), RenderPANWith(p, l, tf))
		}
	}
}

func checkCard(t *testing.T, name string, img image.Image) {
	t.Helper()
	b := img.Bounds()
	if b.Dx() != cardW || b.Dy() < cardH || b.Dy() > 900 {
		t.Errorf("%s: size %v", name, b.Size())
	}
	if f := inkFraction(img); f < 0.01 || f > 0.5 {
		t.Errorf("%s: ink fraction %.3f looks wrong", name, f)
	}
}

func TestDegradeVariants(t *testing.T) {
	t.Parallel()
	s := NewSample(5, 0)
	clean := s.Render(DocPAN, nil)
	for _, v := range Variants {
		img := s.RenderVariant(DocPAN, v, nil)
		b := img.Bounds()
		switch v {
		case Small:
			if b.Dx() != 600 {
				t.Errorf("small: width %d", b.Dx())
			}
		case Rotate, Background, Photographed:
			if b.Dx() <= clean.Bounds().Dx() {
				t.Errorf("%s: expected a larger canvas, got %v", v, b.Size())
			}
		default:
			if b.Size() != clean.Bounds().Size() {
				t.Errorf("%s: size changed to %v", v, b.Size())
			}
		}
		if v != Clean && v != Rotate && v != Background && v != Small && sameImage(img, clean) {
			t.Errorf("%s: image unchanged", v)
		}
	}
	if _, err := ParseVariant("sepia"); err == nil {
		t.Error("ParseVariant accepted an unknown name")
	}
}

func sameImage(a, b image.Image) bool {
	for y := 0; y < a.Bounds().Dy(); y += 7 {
		for x := 0; x < a.Bounds().Dx(); x += 7 {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				return false
			}
		}
	}
	return true
}

func TestWriteSetAndCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	faces := t.TempDir()
	if err := WriteImage(filepath.Join(faces, "a.png"), image.NewRGBA(image.Rect(0, 0, 40, 50)), 0); err != nil {
		t.Fatal(err)
	}
	cmd := NewCommand()
	cmd.SetArgs([]string{"--out", dir, "--n", "2", "--seed", "9", "--variants", "clean,small", "--faces", faces})
	cmd.SetOut(&discard{})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	truth, err := ReadTruth(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(truth.Cards) != 2 || truth.Seed != 9 {
		t.Fatalf("truth has %d cards, seed %d", len(truth.Cards), truth.Seed)
	}
	for _, rec := range truth.Cards {
		if rec.Face != "a.png" || rec.Expected.AadhaarLast4 != rec.Person.AadhaarLast4() {
			t.Errorf("record %s: face %q expected %+v", rec.ID, rec.Face, rec.Expected)
		}
		for _, doc := range Docs {
			for _, v := range []Variant{Clean, Small} {
				name := rec.Files[doc][v]
				if st, err := os.Stat(filepath.Join(dir, name)); name == "" || err != nil || st.Size() == 0 {
					t.Errorf("record %s %s/%s: file %q missing (%v)", rec.ID, doc, v, name, err)
				}
			}
		}
	}
	if NewSample(9, 1).Person != truth.Cards[1].Person {
		t.Error("WriteSet's person differs from NewSample's")
	}
	bad := NewCommand()
	bad.SetArgs([]string{"--out", t.TempDir(), "--variants", "sepia"})
	bad.SetOut(&discard{})
	bad.SetErr(&discard{})
	if err := bad.Execute(); err == nil {
		t.Error("unknown variant accepted")
	}
}

type discard struct{}

func (*discard) Write(p []byte) (int, error) { return len(p), nil }

// TestRenderPhotographedGivesTheCorners: the photo is RenderVariant's, and
// the corners returned bound the card: inside them the photo is the card's
// white ground, just outside them it is the darker table.
func TestRenderPhotographedGivesTheCorners(t *testing.T) {
	t.Parallel()
	s := NewSample(3, 1)
	s.AadhaarLayout = AadhaarPlain
	img, c := s.RenderPhotographed(DocAadhaarBack, nil)
	same := s.RenderVariant(DocAadhaarBack, Photographed, nil)
	if img.Bounds() != same.Bounds() {
		t.Fatalf("bounds %v, RenderVariant's %v", img.Bounds(), same.Bounds())
	}
	for _, p := range []image.Point{{10, 10}, {img.Bounds().Dx() / 2, img.Bounds().Dy() / 2}} {
		if img.At(p.X, p.Y) != same.At(p.X, p.Y) {
			t.Errorf("pixel %v differs from RenderVariant's", p)
		}
	}
	luma := func(x, y float64) uint8 {
		return color.GrayModel.Convert(img.At(int(x), int(y))).(color.Gray).Y
	}
	// Each corner: 12 px towards the centre is card, 12 px away is not.
	cx, cy := (c[0][0]+c[1][0]+c[2][0]+c[3][0])/4, (c[0][1]+c[1][1]+c[2][1]+c[3][1])/4
	for i, p := range c {
		dx, dy := cx-p[0], cy-p[1]
		n := math.Hypot(dx, dy)
		dx, dy = dx/n*12, dy/n*12
		in, out := luma(p[0]+dx, p[1]+dy), luma(p[0]-dx, p[1]-dy)
		if int(in) < int(out)+40 {
			t.Errorf("corner %d at %.0f,%.0f: inside %d, outside %d; want the card clearly lighter", i, p[0], p[1], in, out)
		}
	}
}
