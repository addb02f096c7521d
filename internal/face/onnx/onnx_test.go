package onnx

import (
	"context"
	"image"
	"math"
	"testing"

	"github.com/enxtai/kyc/internal/face/facetest"
	"github.com/enxtai/kyc/internal/face/raster"
)

func openRuntime(t *testing.T) (*Runtime, facetest.Paths) {
	t.Helper()
	p := facetest.Require(t, facetest.ArcFace, facetest.FRLiveness, facetest.MiniFASNet)
	rt, err := OpenRuntime(p.RuntimeLib)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rt.Close() })
	return rt, p
}

func TestRuntimeIsSharedAndReferenceCounted(t *testing.T) {
	rt, p := openRuntime(t)
	if v := rt.Version(); v == "" {
		t.Fatal("no version")
	}
	second, err := OpenRuntime(p.RuntimeLib)
	if err != nil {
		t.Fatalf("a second handle on the same library: %v", err)
	}
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
	if err := second.Close(); err != nil {
		t.Fatal("Close must be idempotent")
	}
	// the first handle still works after the second closed
	if _, err := rt.LoadArcFace(p.Model(facetest.ArcFace), Options{Workers: 1, Threads: 1}); err != nil {
		t.Fatalf("runtime unusable after closing another handle: %v", err)
	}
	if _, err := OpenRuntime(p.RuntimeLib + ".missing"); err == nil {
		t.Fatal("a missing library must be an error")
	}
}

func TestLoadChecksModelShapes(t *testing.T) {
	rt, p := openRuntime(t)
	if _, err := rt.LoadArcFace(p.Model(facetest.FRLiveness), Options{Workers: 1, Threads: 1}); err == nil {
		t.Fatal("the liveness model must not load as the embedding model")
	}
	if _, err := rt.LoadLiveness(MiniFASNetV2SE, p.Model(facetest.FRLiveness), Options{Workers: 1, Threads: 1}); err == nil {
		t.Fatal("fr_liveness (3 classes) must not load as MiniFASNet (2 classes)")
	}
	if _, err := rt.LoadLiveness("unknown", p.Model(facetest.FRLiveness), Options{Workers: 1, Threads: 1}); err == nil {
		t.Fatal("unknown kind must be an error")
	}
	if _, err := rt.LoadArcFace(p.Model(facetest.ArcFace), Options{}); err == nil {
		t.Fatal("zero workers must be an error")
	}
}

// chipOf aligns the face of a test photo with landmarks measured once by dlib (bona.jpg, 1000×1000).
func chipOf(t *testing.T, p facetest.Paths) *raster.RGB {
	img := raster.FromImage(p.Photo(t, "bona.jpg"))
	chip, err := AlignArcFace(img, raster.Point{X: 413, Y: 278.5}, raster.Point{X: 514.5, Y: 286.5}, raster.Point{X: 462, Y: 371})
	if err != nil {
		t.Fatal(err)
	}
	return chip
}

func TestArcFaceEmbedding(t *testing.T) {
	rt, p := openRuntime(t)
	af, err := rt.LoadArcFace(p.Model(facetest.ArcFace), Options{Workers: 1, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	ctx := context.Background()
	chip := chipOf(t, p)
	a, err := af.Embed(ctx, chip)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != ArcFaceDim {
		t.Fatalf("dim %d", len(a))
	}
	if c := Cosine(a, a); math.Abs(c-1) > 1e-5 {
		t.Fatalf("self cosine %v, want 1 (normalised)", c)
	}
	// A blurred copy is still the same face; a blank chip is not a face at all.
	blurred := raster.Resize(raster.Resize(chip, 40, 40), ArcFaceSize, ArcFaceSize)
	b, err := af.Embed(ctx, blurred)
	if err != nil {
		t.Fatal(err)
	}
	grey := raster.NewRGB(ArcFaceSize, ArcFaceSize)
	for i := range grey.Pix {
		grey.Pix[i] = 128
	}
	g, err := af.Embed(ctx, grey)
	if err != nil {
		t.Fatal(err)
	}
	if cb, cg := Cosine(a, b), Cosine(a, g); cb <= cg || cb < 0.5 {
		t.Fatalf("cosine to blurred copy %.3f, to grey %.3f: want the copy clearly closer", cb, cg)
	}
	// The luma-only chip (Config.Grey) is the same face too.
	l, err := af.Embed(ctx, GreyChip(chip))
	if err != nil {
		t.Fatal(err)
	}
	if cl, cg := Cosine(a, l), Cosine(a, g); cl <= cg || cl < 0.5 {
		t.Fatalf("cosine to its grey copy %.3f, to a blank chip %.3f: want the copy clearly closer", cl, cg)
	}
	if _, err := af.Embed(ctx, raster.NewRGB(50, 50)); err == nil {
		t.Fatal("wrong chip size must be an error")
	}
	if err := af.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := af.Embed(ctx, chip); err == nil {
		t.Fatal("embedding after Close must be an error")
	}
}

func TestLivenessScoresAreProbabilities(t *testing.T) {
	rt, p := openRuntime(t)
	img := raster.FromImage(p.Photo(t, "bona.jpg"))
	box := image.Rect(337, 194, 596, 453)
	for kind, file := range map[LivenessKind]string{MiniFASNetV2SE: facetest.MiniFASNet, FRLiveness: facetest.FRLiveness} {
		t.Run(string(kind), func(t *testing.T) {
			l, err := rt.LoadLiveness(kind, p.Model(file), Options{Workers: 1, Threads: 1})
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			for _, b := range []image.Rectangle{box, image.Rect(0, 0, 900, 900), image.Rect(-50, -50, 100, 100)} {
				s, err := l.Score(context.Background(), img, b)
				if err != nil {
					t.Fatal(err)
				}
				if s < 0 || s > 1 || math.IsNaN(s) {
					t.Fatalf("score %v outside [0, 1]", s)
				}
			}
			if _, err := l.Score(context.Background(), img, image.Rectangle{}); err == nil {
				t.Fatal("empty box must be an error")
			}
		})
	}
}

func TestSoftmaxAndPlanar(t *testing.T) {
	s := softmax([]float32{1000, 1000, -1000}) // large logits must not overflow
	if math.Abs(s[0]-0.5) > 1e-9 || math.Abs(s[1]-0.5) > 1e-9 || s[2] > 1e-9 {
		t.Fatalf("softmax %v", s)
	}
	img := raster.NewRGB(2, 1)
	copy(img.Pix, []byte{1, 2, 3, 4, 5, 6})
	got := planar(img, 1, 2)
	want := []float32{0, 6, 2, 8, 4, 10} // R plane, G plane, B plane
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("planar %v, want %v", got, want)
		}
	}
	if Cosine([]float32{1, 0}, []float32{1}) != -1 {
		t.Fatal("mismatched lengths must never look similar")
	}
}

func TestGreyChip(t *testing.T) {
	chip := raster.NewRGB(3, 1)
	copy(chip.Pix, []byte{255, 0, 0, 0, 255, 0, 10, 20, 255})
	got := GreyChip(chip)
	want := []byte{76, 150, 44} // 0.299·255, 0.587·255, 0.299·10 + 0.587·20 + 0.114·255, rounded
	for i, w := range want {
		if p := got.Pix[3*i : 3*i+3]; p[0] != w || p[1] != w || p[2] != w {
			t.Fatalf("pixel %d = %v, want three times %d", i, p, w)
		}
	}
	if chip.Pix[0] != 255 || chip.Pix[1] != 0 {
		t.Fatal("GreyChip must not change its input")
	}
}

func TestCropsStayInsideInput(t *testing.T) {
	img := raster.NewRGB(200, 100)
	for _, c := range []func(*raster.RGB, image.Rectangle) *raster.RGB{squareCrop(1.5), boundedCrop(2.7)} {
		for _, box := range []image.Rectangle{image.Rect(10, 10, 60, 60), image.Rect(150, 50, 199, 99), image.Rect(0, 0, 200, 100)} {
			out := c(img, box)
			if out.W != livenessSize || out.H != livenessSize {
				t.Fatalf("crop of %v is %dx%d", box, out.W, out.H)
			}
		}
	}
}
