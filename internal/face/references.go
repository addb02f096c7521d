package face

import (
	"context"
	"errors"
	"fmt"
	"image"

	"github.com/enxtai/kyc/internal/face/raster"
)

// Reference is one trusted picture of the claimed person: the photo printed on the card, or the photo
// inside the Aadhaar Secure QR (decoded elsewhere). Name is reported back with its score.
type Reference struct {
	Name  string
	Image image.Image
}

// ReferenceScore is the match of the selfie with one reference.
type ReferenceScore struct {
	Name  string
	Faces int // faces found in the reference (the largest is compared)
	// Quality of the reference's largest face; nil without a face.
	Quality *Quality
	// Box is the reference's largest face in the reference image's pixels; nil without a face.
	Box *image.Rectangle
	// Similarity and FaceMatchScore are nil when the reference or the selfie has no face.
	Similarity     *float64
	FaceMatchScore *float64
}

// MultiResult is a verification against several references: every reference's score, and the Result of
// the best one (highest FaceMatchScore; the first reference when none has a face), decided by the bands.
type MultiResult struct {
	Result
	References []ReferenceScore
	Best       int // index into References of the reference behind Result
}

// VerifyReferences compares the selfie with each reference and decides on the best match with bands b.
// The selfie is searched, embedded and checked for liveness once. Taking the best is safe for FMR only
// because every reference is trusted (it comes from the document, not from the user).
func (v *Verifier) VerifyReferences(ctx context.Context, refs []Reference, selfie image.Image, b Bands) (MultiResult, error) {
	if len(refs) == 0 || selfie == nil || selfie.Bounds().Empty() {
		return MultiResult{}, errors.New("face: verify: a selfie and at least one reference are required")
	}
	for _, r := range refs {
		if r.Image == nil || r.Image.Bounds().Empty() {
			return MultiResult{}, fmt.Errorf("face: verify: reference %q has no image", r.Name)
		}
	}
	selfieRGB := raster.FromImage(selfie)
	sel, err := v.matcher.Find(ctx, selfieRGB, Selfie)
	if err != nil {
		return MultiResult{}, fmt.Errorf("face: verify: %w", err)
	}
	m := Measurement{Engine: v.matcher.Name(), SelfieFaces: clearFaces(sel.Faces),
		SelfieBox: originalBox(sel, 0, image.Pt(selfieRGB.W, selfieRGB.H))}
	var selfieEmb Embedding
	if m.SelfieFaces > 0 {
		q := measureQuality(sel, sel.Faces[0])
		m.SelfieQuality = &q
		if selfieEmb, err = v.matcher.Embed(ctx, sel, 0); err != nil {
			return MultiResult{}, fmt.Errorf("face: verify: %w", err)
		}
		if v.liveness != nil {
			s, err := v.liveness.Score(ctx, sel.Image, sel.Faces[0].Box)
			if err != nil {
				return MultiResult{}, fmt.Errorf("face: verify: liveness: %w", err)
			}
			m.LivenessModel, m.LivenessScore = v.liveness.Name(), &s
		}
	}
	out := MultiResult{References: make([]ReferenceScore, len(refs))}
	for i, r := range refs {
		rs, err := v.scoreReference(ctx, r, selfieEmb)
		if err != nil {
			return MultiResult{}, err
		}
		out.References[i] = rs
		best := out.References[out.Best].FaceMatchScore
		if rs.FaceMatchScore != nil && (best == nil || *rs.FaceMatchScore > *best) {
			out.Best = i
		}
	}
	bestRef := out.References[out.Best]
	m.CardFaces, m.Similarity, m.FaceMatchScore = bestRef.Faces, bestRef.Similarity, bestRef.FaceMatchScore
	m.CardQuality, m.CardBox = bestRef.Quality, bestRef.Box
	out.Result = Result{Measurement: m, Decision: b.Decide(m)}
	return out, nil
}

// scoreReference finds the reference's largest face and compares it with the selfie's embedding (nil: no
// face in the selfie).
func (v *Verifier) scoreReference(ctx context.Context, r Reference, selfie Embedding) (ReferenceScore, error) {
	rs := ReferenceScore{Name: r.Name}
	img := raster.FromImage(r.Image)
	found, err := v.matcher.Find(ctx, img, Card)
	if err != nil {
		return rs, fmt.Errorf("face: verify: reference %q: %w", r.Name, err)
	}
	rs.Faces, rs.Box = len(found.Faces), originalBox(found, 0, image.Pt(img.W, img.H))
	if rs.Faces > 0 {
		q := measureQuality(found, found.Faces[0])
		rs.Quality = &q
	}
	if rs.Faces == 0 || selfie == nil {
		return rs, nil
	}
	e, err := v.matcher.Embed(ctx, found, 0)
	if err != nil {
		return rs, fmt.Errorf("face: verify: reference %q: %w", r.Name, err)
	}
	sim := v.matcher.Similarity(e, selfie)
	score := v.matcher.Calibration().Score(sim)
	rs.Similarity, rs.FaceMatchScore = &sim, &score
	return rs, nil
}
