package face_test

import (
	"context"
	"image"
	"image/color"
	"log/slog"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/face/facetest"
	"github.com/enxtai/kyc/internal/face/raster"
	"github.com/enxtai/kyc/internal/testkit/attacks"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

var allModels = []string{facetest.DlibLandmarks, facetest.DlibDescriptor, facetest.ArcFace, facetest.FRLiveness, facetest.MiniFASNet,
	facetest.FRDetect, facetest.FRLandmark}

func config(t testing.TB, e face.Engine, l face.LivenessModel) face.Config {
	p := facetest.Require(t, allModels...)
	cfg := face.DefaultConfig()
	cfg.ModelsDir, cfg.OnnxRuntimeLib = p.ModelsDir, p.RuntimeLib
	cfg.Engine, cfg.Liveness, cfg.Workers = e, l, 2
	cfg.Bands = face.DefaultBands(l)
	return cfg
}

func verifier(t testing.TB, cfg face.Config) *face.Verifier {
	t.Helper()
	v, err := face.New(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

// photo loads a test photo scaled to at most 800 px (keeps the tests fast; the engine works at 1024).
func photo(t testing.TB, name string) image.Image {
	p := facetest.Require(t)
	return imaging.Fit(p.Photo(t, name), 800, 800, imaging.Linear)
}

// fullPhoto loads a test photo at its original size (pristin.jpg's ten faces are too small at 800 px).
func fullPhoto(t testing.TB, name string) image.Image {
	return facetest.Require(t).Photo(t, name)
}

// card prints the face of a photo passport-style on a synthetic Aadhaar front.
func card(t testing.TB, m face.FaceMatcher, img image.Image, seed int64) image.Image {
	t.Helper()
	found, err := m.Find(context.Background(), raster.FromImage(img), face.Selfie)
	if err != nil || len(found.Faces) == 0 {
		t.Fatalf("no face to print on the card (%v)", err)
	}
	b := found.Faces[0].Box
	s := found.Scale
	box := image.Rect(int(float64(b.Min.X)/s), int(float64(b.Min.Y)/s), int(float64(b.Max.X)/s), int(float64(b.Max.Y)/s))
	r := cardkit.NewRand(seed)
	return cardkit.RenderAadhaarFront(cardkit.NewPerson(r), facetest.PassportPhoto(img, box.Add(img.Bounds().Min)))
}

var engines = []face.Engine{face.EngineArcFace, face.EngineDlib}

// TestMatcherConformance runs the same checks against every FaceMatcher.
func TestMatcherConformance(t *testing.T) {
	ctx := context.Background()
	for _, e := range engines {
		t.Run(string(e), func(t *testing.T) {
			m, err := face.OpenMatcher(config(t, e, face.LivenessNone))
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			if m.Name() != e {
				t.Fatalf("name %q", m.Name())
			}
			counts := map[string][2]int{"bona.jpg": {1, 1}, "pristin.jpg": {5, 10}}
			for name, want := range counts {
				f, err := m.Find(ctx, raster.FromImage(fullPhoto(t, name)), face.Selfie)
				if err != nil {
					t.Fatal(err)
				}
				if n := len(f.Faces); n < want[0] || n > want[1] {
					t.Fatalf("%s: %d faces, want %d..%d", name, n, want[0], want[1])
				}
			}
			blank, err := m.Find(ctx, raster.NewRGB(640, 480), face.Selfie)
			if err != nil || len(blank.Faces) != 0 {
				t.Fatalf("blank image: %d faces, %v", len(blank.Faces), err)
			}
			emb := func(name string) face.Embedding {
				f, err := m.Find(ctx, raster.FromImage(photo(t, name)), face.Selfie)
				if err != nil || len(f.Faces) == 0 {
					t.Fatalf("%s: %v", name, err)
				}
				v, err := m.Embed(ctx, f, 0)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := m.Embed(ctx, f, len(f.Faces)); err == nil {
					t.Fatal("embedding a face that does not exist must fail")
				}
				return v
			}
			a, b := emb("tzuyu.jpg"), emb("tzuyu2.jpg")
			if self, other := m.Similarity(a, a), m.Similarity(a, b); self < other {
				t.Fatalf("self similarity %v below another photo's %v", self, other)
			}
		})
	}
}

// Genuine pairs: the card printed from the first photo, the second as the selfie.
var samePerson = [][2]string{{"bona.jpg", "bona2.jpg"}, {"tzuyu.jpg", "tzuyu2.jpg"}, {"jimin.jpg", "jimin2.jpg"}}

func TestSamePersonIsAboveTheReviewBand(t *testing.T) {
	cfg := config(t, face.EngineArcFace, face.LivenessMiniFASNet)
	v := verifier(t, cfg)
	m, err := face.OpenMatcher(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	for i, pair := range samePerson {
		t.Run(pair[0], func(t *testing.T) {
			res, err := v.Verify(context.Background(), card(t, m, photo(t, pair[0]), int64(i)), photo(t, pair[1]))
			if err != nil {
				t.Fatal(err)
			}
			if res.FaceMatchScore == nil || *res.FaceMatchScore < cfg.Bands.Review {
				t.Fatalf("same person below the review band: %+v", res)
			}
			if res.CardFaces != 1 || res.SelfieFaces != 1 || res.Engine != face.EngineArcFace {
				t.Fatalf("faces %d/%d engine %s", res.CardFaces, res.SelfieFaces, res.Engine)
			}
			t.Logf("similarity %.3f score %.3f liveness %.3f reasons %v", *res.Similarity, *res.FaceMatchScore, *res.LivenessScore, res.Reasons)
			// A client's stricter bands apply to the same measurement.
			strict := cfg.Bands
			strict.AutoApprove, strict.Review = 0.999, 0.99
			if d := strict.Decide(res.Measurement); d.AutoApprove || !slices.Contains(d.Reasons, face.ReasonFaceMismatch) {
				t.Fatalf("strict client bands: %+v", d)
			}
		})
	}
}

// TestDifferentPeopleAreNeverAutoApproved verifies every card against every other person's selfie, with
// both engines and default bands.
func TestDifferentPeopleAreNeverAutoApproved(t *testing.T) {
	people := []string{"bona.jpg", "chaeyeon.jpg", "joy.jpg", "tzuyu.jpg", "yujin.jpg"}
	for _, e := range engines {
		t.Run(string(e), func(t *testing.T) {
			cfg := config(t, e, face.LivenessMiniFASNet)
			v := verifier(t, cfg)
			m, err := face.OpenMatcher(cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			selfies := make([]image.Image, len(people))
			cards := make([]image.Image, len(people))
			for i, name := range people {
				selfies[i] = photo(t, name)
				cards[i] = card(t, m, selfies[i], int64(i))
			}
			for i := range people {
				for j := range people {
					if i == j {
						continue
					}
					res, err := v.Verify(context.Background(), cards[i], selfies[j])
					if err != nil {
						t.Fatal(err)
					}
					if res.AutoApprove {
						t.Fatalf("card of %s auto-approved with the selfie of %s: %+v", people[i], people[j], res)
					}
					if len(res.Reasons) == 0 {
						t.Fatalf("review without a reason: %+v", res)
					}
				}
			}
		})
	}
}

func TestReviewReasons(t *testing.T) {
	cfg := config(t, face.EngineArcFace, face.LivenessMiniFASNet)
	v := verifier(t, cfg)
	m, err := face.OpenMatcher(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	bona := photo(t, "bona.jpg")
	bonaCard := card(t, m, bona, 1)
	noFaceCard := cardkit.RenderAadhaarFront(cardkit.NewPerson(cardkit.NewRand(2)), nil) // silhouette
	landscape := imaging.Crop(photo(t, "bona.jpg"), image.Rect(0, 0, 250, 150))          // background only
	cases := []struct {
		name   string
		card   image.Image
		selfie image.Image
		want   []face.Reason
		faces  [2]int
	}{
		{"no face in selfie", bonaCard, landscape, []face.Reason{face.ReasonNoFaceInSelfie}, [2]int{1, 0}},
		{"blank selfie", bonaCard, imaging.New(640, 480, color.NRGBA{128, 128, 128, 255}), []face.Reason{face.ReasonNoFaceInSelfie}, [2]int{1, 0}},
		{"group selfie", bonaCard, fullPhoto(t, "pristin.jpg"), []face.Reason{face.ReasonMultipleFaces}, [2]int{1, 5}},
		{"card without a face", noFaceCard, photo(t, "bona2.jpg"), []face.Reason{face.ReasonNoFaceOnCard}, [2]int{0, 1}},
		{"tiny pictures", imaging.New(2, 2, color.NRGBA{A: 255}), imaging.New(3, 4000, color.NRGBA{A: 255}),
			[]face.Reason{face.ReasonNoFaceOnCard, face.ReasonNoFaceInSelfie}, [2]int{0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := v.Verify(context.Background(), c.card, c.selfie)
			if err != nil {
				t.Fatalf("bad input must be a review reason, not an error: %v", err)
			}
			if res.AutoApprove {
				t.Fatal("auto-approved")
			}
			for _, r := range c.want {
				if !slices.Contains(res.Reasons, r) {
					t.Fatalf("reasons %v lack %s", res.Reasons, r)
				}
			}
			if res.CardFaces != c.faces[0] || res.SelfieFaces < c.faces[1] || (c.faces[1] <= 1 && res.SelfieFaces != c.faces[1]) {
				t.Fatalf("faces card %d selfie %d, want %v", res.CardFaces, res.SelfieFaces, c.faces)
			}
			if (res.CardFaces == 0 || res.SelfieFaces == 0) && (res.FaceMatchScore != nil || res.Similarity != nil) {
				t.Fatal("a score without two faces")
			}
		})
	}
	if _, err := v.Verify(context.Background(), nil, bona); err == nil {
		t.Fatal("a missing image is a caller error")
	}
}

func TestLivenessIsLowerOnAttacks(t *testing.T) {
	cfg := config(t, face.EngineArcFace, face.LivenessNone)
	m, err := face.OpenMatcher(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	// Each live photo and its four synthetic attacks, searched once; every model scores the same faces.
	var live, attacked []face.Found
	for i, name := range []string{"bona.jpg", "chaeyoung.jpg", "joy.jpg", "luda.jpg", "tzuyu.jpg"} {
		img := photo(t, name)
		imgs := []image.Image{img}
		for k, kind := range attacks.Kinds {
			imgs = append(imgs, attacks.Make(img, kind, rand.New(rand.NewPCG(uint64(i), uint64(k)))))
		}
		for j, im := range imgs {
			f, err := m.Find(context.Background(), raster.FromImage(im), face.Selfie)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Faces) == 0 {
				continue
			}
			if j == 0 {
				live = append(live, f)
			} else {
				attacked = append(attacked, f)
			}
		}
	}
	if len(live) < 4 || len(attacked) < 6 {
		t.Fatalf("too few faces found: %d live, %d attacks", len(live), len(attacked))
	}
	for _, l := range []face.LivenessModel{face.LivenessMiniFASNet, face.LivenessFR} {
		t.Run(string(l), func(t *testing.T) {
			cfg.Liveness = l
			checker, err := face.OpenLiveness(cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer checker.Close()
			mean := func(fs []face.Found) float64 {
				var sum float64
				for _, f := range fs {
					s, err := checker.Score(context.Background(), f.Image, f.Faces[0].Box)
					if err != nil {
						t.Fatal(err)
					}
					if s < 0 || s > 1 {
						t.Fatalf("liveness %v outside [0, 1]", s)
					}
					sum += s
				}
				return sum / float64(len(fs))
			}
			lm, am := mean(live), mean(attacked)
			t.Logf("mean liveness: live %.3f (%d), attacks %.3f (%d)", lm, len(live), am, len(attacked))
			if am >= lm {
				t.Fatalf("attacks score %.3f on average, live photos %.3f: want attacks lower", am, lm)
			}
		})
	}
}

func TestWithoutLivenessNothingIsApproved(t *testing.T) {
	cfg := config(t, face.EngineDlib, face.LivenessMiniFASNet)
	cfg.Detector = face.DetectorHOG                      // the cascade's fr_detect needs the runtime too
	cfg.OnnxRuntimeLib = cfg.OnnxRuntimeLib + ".missing" // the runtime cannot load: liveness unavailable
	v := verifier(t, cfg)
	if v.LivenessAvailable() {
		t.Fatal("liveness should be unavailable")
	}
	m, err := face.OpenMatcher(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	img := photo(t, "bona.jpg")
	res, err := v.Verify(context.Background(), card(t, m, img, 1), img) // the very same photo
	if err != nil {
		t.Fatal(err)
	}
	if res.AutoApprove || res.LivenessScore != nil || !slices.Contains(res.Reasons, face.ReasonLivenessUnavailable) {
		t.Fatalf("want review for liveness_unavailable, got %+v", res)
	}
	// The arcface engine itself needs the runtime: that is a start-up error, not a silent downgrade.
	cfg.Engine = face.EngineArcFace
	if _, err := face.New(cfg, slog.New(slog.DiscardHandler)); err == nil {
		t.Fatal("arcface without the ONNX runtime must fail to start")
	}
}
