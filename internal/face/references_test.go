package face_test

import (
	"context"
	"testing"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/face/raster"
)

// TestVerifyReferencesTakesTheBestReference gives the selfie two references, another person's card first and
// the same person's card second: both scores are reported and the decision rests on the better one.
func TestVerifyReferencesTakesTheBestReference(t *testing.T) {
	cfg := config(t, face.EngineArcFace, face.LivenessMiniFASNet)
	v := verifier(t, cfg)
	m, err := face.OpenMatcher(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	refs := []face.Reference{
		{Name: "other-card", Image: card(t, m, photo(t, "joy.jpg"), 1)},
		{Name: "card", Image: card(t, m, photo(t, "bona.jpg"), 2)},
	}
	res, err := v.VerifyReferences(context.Background(), refs, photo(t, "bona2.jpg"), cfg.Bands)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.References) != 2 || res.Best != 1 || res.References[1].Name != "card" {
		t.Fatalf("best reference %d of %+v", res.Best, res.References)
	}
	other, same := res.References[0].FaceMatchScore, res.References[1].FaceMatchScore
	if other == nil || same == nil || *same <= *other {
		t.Fatalf("scores: other %v same %v", other, same)
	}
	if res.FaceMatchScore == nil || *res.FaceMatchScore != *same || res.CardFaces != 1 || res.SelfieFaces != 1 {
		t.Fatalf("result does not carry the best reference: %+v", res.Measurement)
	}
	// The single-reference Verify of the same pair gives the same measurement.
	one, err := v.Verify(context.Background(), refs[1].Image, photo(t, "bona2.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if *one.Similarity != *res.Similarity || one.AutoApprove != res.AutoApprove {
		t.Fatalf("Verify %v/%v, VerifyReferences %v/%v", *one.Similarity, one.AutoApprove, *res.Similarity, res.AutoApprove)
	}
	if _, err := v.VerifyReferences(context.Background(), nil, photo(t, "bona2.jpg"), cfg.Bands); err == nil {
		t.Fatal("no reference: want an error")
	}
}

// TestCascadeFindsWhatHOGMisses: HOG finds no face in jimin3.jpg (a turned face); the cascade's fr_detect does.
func TestCascadeFindsWhatHOGMisses(t *testing.T) {
	cfg := config(t, face.EngineArcFace, face.LivenessNone)
	ctx := context.Background()
	for _, d := range []face.Detector{face.DetectorHOG, face.DetectorCascade} {
		cfg.Detector = d
		m, err := face.OpenMatcher(cfg)
		if err != nil {
			t.Fatal(err)
		}
		found, err := m.Find(ctx, raster.FromImage(fullPhoto(t, "jimin3.jpg")), face.Selfie)
		m.Close()
		if err != nil {
			t.Fatal(err)
		}
		if want := map[face.Detector]int{face.DetectorHOG: 0, face.DetectorCascade: 1}[d]; len(found.Faces) != want {
			t.Errorf("%s: %d faces, want %d", d, len(found.Faces), want)
		}
	}
}
