package face

import (
	"image"
	"slices"
	"testing"

	"github.com/enxtai/kyc/internal/face/raster"
)

// A low-quality face turns a weak match into face_quality_low; a strong match still passes, and a face of
// good quality keeps the match reasons.
func TestDecideReportsQualityInsteadOfAWeakMatch(t *testing.T) {
	b := DefaultBands(LivenessMiniFASNet)
	live := 0.99
	bad := &Quality{Low: []string{"blur"}}
	good := &Quality{}
	for _, tc := range []struct {
		name   string
		score  float64
		card   *Quality
		selfie *Quality
		want   Reason
	}{
		{"weak match, blurred selfie", 0.7, good, bad, ReasonFaceQualityLow},
		{"mismatch, blurred card", 0.2, bad, good, ReasonFaceQualityLow},
		{"weak match, good faces", 0.7, good, good, ReasonFaceMatchLow},
		{"mismatch, no quality measured", 0.2, nil, nil, ReasonFaceMismatch},
		{"strong match, blurred selfie", 0.95, good, bad, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.score
			m := Measurement{CardFaces: 1, SelfieFaces: 1, FaceMatchScore: &s, LivenessScore: &live,
				CardQuality: tc.card, SelfieQuality: tc.selfie}
			d := b.Decide(m)
			if tc.want == "" {
				if !d.AutoApprove {
					t.Fatalf("want approval, got %v", d.Reasons)
				}
				return
			}
			if d.AutoApprove || !slices.Equal(d.Reasons, []Reason{tc.want}) {
				t.Fatalf("reasons %v, want [%s]", d.Reasons, tc.want)
			}
		})
	}
}

// measureQuality flags a flat (blurred), dark, small and turned face, and passes a sharp frontal one.
func TestMeasureQuality(t *testing.T) {
	img := raster.NewRGB(200, 200)
	for i := range img.Pix { // a checkerboard: sharp, mid grey on average
		x, y := (i/3)%200, (i/3)/200
		img.Pix[i] = byte(60 + 120*((x/4+y/4)%2))
	}
	face := Face{Box: image.Rect(40, 40, 160, 160), Eyes: [2]raster.Point{{X: 70, Y: 80}, {X: 130, Y: 80}},
		NoseBase: raster.Point{X: 100, Y: 120}}
	if q := measureQuality(Found{Image: img, Scale: 1}, face); len(q.Low) != 0 {
		t.Fatalf("sharp frontal face flagged: %+v", q)
	}
	dark := raster.NewRGB(200, 200) // flat black
	turned := face
	turned.NoseBase.X = 140
	q := measureQuality(Found{Image: dark, Scale: 4}, turned) // scale 4: eyes 15 px apart in the original
	for _, want := range []string{"size", "blur", "pose", "exposure"} {
		if !slices.Contains(q.Low, want) {
			t.Errorf("%s not flagged: %+v", want, q)
		}
	}
}
