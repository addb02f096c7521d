package face

import (
	"math"
	"slices"
	"testing"
)

func ptr(f float64) *float64 { return &f }

func TestDecide(t *testing.T) {
	b := Bands{AutoApprove: 0.9, Review: 0.5, MinLiveness: 0.55}
	cases := []struct {
		name    string
		m       Measurement
		approve bool
		reasons []Reason
	}{
		{"clear match, live", Measurement{CardFaces: 1, SelfieFaces: 1, FaceMatchScore: ptr(0.95), LivenessScore: ptr(0.9)}, true, nil},
		{"exactly at the thresholds", Measurement{CardFaces: 1, SelfieFaces: 1, FaceMatchScore: ptr(0.9), LivenessScore: ptr(0.55)}, true, nil},
		{"review band", Measurement{CardFaces: 1, SelfieFaces: 1, FaceMatchScore: ptr(0.7), LivenessScore: ptr(0.9)}, false, []Reason{ReasonFaceMatchLow}},
		{"below review", Measurement{CardFaces: 1, SelfieFaces: 1, FaceMatchScore: ptr(0.1), LivenessScore: ptr(0.9)}, false, []Reason{ReasonFaceMismatch}},
		{"liveness low", Measurement{CardFaces: 1, SelfieFaces: 1, FaceMatchScore: ptr(0.95), LivenessScore: ptr(0.2)}, false, []Reason{ReasonLivenessLow}},
		{"liveness unavailable", Measurement{CardFaces: 1, SelfieFaces: 1, FaceMatchScore: ptr(0.99)}, false, []Reason{ReasonLivenessUnavailable}},
		{"no face on card", Measurement{CardFaces: 0, SelfieFaces: 1, LivenessScore: ptr(0.9)}, false, []Reason{ReasonNoFaceOnCard}},
		{"no face in selfie", Measurement{CardFaces: 1, SelfieFaces: 0}, false, []Reason{ReasonNoFaceInSelfie}},
		{"several faces, good match", Measurement{CardFaces: 1, SelfieFaces: 2, FaceMatchScore: ptr(0.95), LivenessScore: ptr(0.9)}, false, []Reason{ReasonMultipleFaces}},
		{"everything wrong", Measurement{CardFaces: 0, SelfieFaces: 3, LivenessScore: ptr(0.1)}, false, []Reason{ReasonNoFaceOnCard, ReasonMultipleFaces, ReasonLivenessLow}},
		{"score without liveness and no faces counted", Measurement{FaceMatchScore: ptr(0.99), LivenessScore: ptr(0.99)}, false, []Reason{ReasonNoFaceOnCard, ReasonNoFaceInSelfie}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := b.Decide(c.m)
			if d.AutoApprove != c.approve || !slices.Equal(d.Reasons, c.reasons) {
				t.Fatalf("got %+v, want approve=%v reasons=%v", d, c.approve, c.reasons)
			}
		})
	}
}

func TestInvalidBandsNeverApprove(t *testing.T) {
	m := Measurement{CardFaces: 1, SelfieFaces: 1, FaceMatchScore: ptr(1), LivenessScore: ptr(1)}
	for _, b := range []Bands{
		{}, // zero value
		{AutoApprove: 0.9, Review: 0.95, MinLiveness: 0.5}, // out of order
		{AutoApprove: 0.9, Review: 0.5, MinLiveness: 0},    // liveness off
		{AutoApprove: 1.5, Review: 0.5, MinLiveness: 0.5},
		{AutoApprove: math.NaN(), Review: 0.5, MinLiveness: 0.5},
	} {
		if err := b.Validate(); err == nil {
			t.Errorf("%+v: want a validation error", b)
		}
		if d := b.Decide(m); d.AutoApprove || !slices.Contains(d.Reasons, ReasonBandsInvalid) {
			t.Errorf("%+v: decision %+v must not approve and must say why", b, d)
		}
	}
	for _, l := range []LivenessModel{LivenessMiniFASNet, LivenessFR, LivenessNone} {
		if err := DefaultBands(l).Validate(); err != nil {
			t.Errorf("default bands for %s: %v", l, err)
		}
	}
}

func TestCalibration(t *testing.T) {
	for _, e := range []Engine{EngineArcFace, EngineDlib} {
		c, ok := CalibrationOf(e)
		if !ok {
			t.Fatalf("%s: no calibration", e)
		}
		if got := c.Score(c.Review); math.Abs(got-ScoreAtReview) > 1e-9 {
			t.Errorf("%s: score at review anchor %v", e, got)
		}
		if got := c.Score(c.AutoApprove); math.Abs(got-ScoreAtAutoApprove) > 1e-9 {
			t.Errorf("%s: score at auto-approve anchor %v", e, got)
		}
		prev := -1.0
		for s := -1.0; s <= 1.0; s += 0.01 {
			sc := c.Score(s)
			if sc < 0 || sc > 1 || sc < prev {
				t.Fatalf("%s: score(%.2f) = %v not monotone in [0, 1]", e, s, sc)
			}
			prev = sc
			if back := c.Similarity(sc); sc > 1e-9 && sc < 1-1e-9 && math.Abs(back-s) > 1e-6 {
				t.Fatalf("%s: inverse of score(%.2f) is %v", e, s, back)
			}
		}
	}
	// dlib's textbook distance 0.6 (similarity 0.4) must never be an approval under the default bands.
	if s := dlibCalibration.Score(1 - 0.6); s >= DefaultBands(LivenessMiniFASNet).AutoApprove {
		t.Fatalf("dlib distance 0.6 scores %v: it would auto-approve", s)
	}
	if _, ok := CalibrationOf("other"); ok {
		t.Fatal("unknown engine has a calibration")
	}
}

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	cases := map[string]func(*Config){
		"engine":   func(c *Config) { c.Engine = "x" },
		"liveness": func(c *Config) { c.Liveness = "x" },
		"workers":  func(c *Config) { c.Workers = 0 },
		"threads":  func(c *Config) { c.Threads = 0 },
		"max side": func(c *Config) { c.MaxSide = 100 },
		"models":   func(c *Config) { c.ModelsDir = "" },
		"bands":    func(c *Config) { c.Bands.AutoApprove = 0 },
		"equalise": func(c *Config) { c.Equalise = "x" },
		"clahe":    func(c *Config) { c.Equalise = "clahe" }, // measured in the third pass, removed
	}
	for name, mutate := range cases {
		c := DefaultConfig()
		mutate(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}
