package face_test

import (
	"context"
	"image"
	"testing"

	"github.com/enxtai/kyc/internal/face"
)

// TestBoxesAreInTheGivenImagesPixels: the compared faces' boxes are reported in the pixels of the images the
// caller gave, not in the engine's scaled working copies. A verifier that searches at 320 px (so every
// 800 px photo is shrunk) must report about the same boxes as one that searches at full size; a box left in
// working pixels would sit at 0.4 to 0.8 of the right place and overlap little. Verify and VerifyReferences
// report the same boxes for the same pair.
func TestBoxesAreInTheGivenImagesPixels(t *testing.T) {
	cfg := config(t, face.EngineArcFace, face.LivenessNone)
	full := verifier(t, cfg)
	cfg.MaxSide = 320
	small := verifier(t, cfg)
	ref, selfie := photo(t, "bona.jpg"), photo(t, "bona2.jpg")
	ctx := context.Background()

	want, err := full.Verify(ctx, ref, selfie)
	if err != nil {
		t.Fatal(err)
	}
	got, err := small.Verify(ctx, ref, selfie)
	if err != nil {
		t.Fatal(err)
	}
	multi, err := small.VerifyReferences(ctx, []face.Reference{{Name: "ref", Image: ref}}, selfie, cfg.Bands)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		img       image.Image
		want, got *image.Rectangle
		multi     *image.Rectangle
	}{
		{"reference", ref, want.CardBox, got.CardBox, multi.CardBox},
		{"selfie", selfie, want.SelfieBox, got.SelfieBox, multi.SelfieBox},
	} {
		if c.want == nil || c.got == nil || c.multi == nil {
			t.Fatalf("%s: boxes full-size %v, at 320 px %v, references %v: want all three", c.name, c.want, c.got, c.multi)
		}
		if !c.got.In(c.img.Bounds()) || c.got.Dx() < 40 {
			t.Errorf("%s: box %v is not a face inside the image %v", c.name, c.got, c.img.Bounds())
		}
		if iou := overlap(*c.want, *c.got); iou < 0.6 {
			t.Errorf("%s: box at 320 px %v, at full size %v: overlap %.2f, want ≥ 0.6", c.name, *c.got, *c.want, iou)
		}
		if *c.multi != *c.got {
			t.Errorf("%s: VerifyReferences box %v, Verify box %v", c.name, *c.multi, *c.got)
		}
	}
	if multi.References[0].Box == nil || *multi.References[0].Box != *multi.CardBox {
		t.Errorf("the reference's own box %v differs from the result's %v", multi.References[0].Box, multi.CardBox)
	}
}

// overlap is the intersection over union of two boxes.
func overlap(a, b image.Rectangle) float64 {
	in := a.Intersect(b)
	i := float64(in.Dx() * in.Dy())
	u := float64(a.Dx()*a.Dy()+b.Dx()*b.Dy()) - i
	if u <= 0 {
		return 0
	}
	return i / u
}
