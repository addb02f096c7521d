package face

import (
	"errors"
	"fmt"
)

// Reason is a machine-readable cause for sending a session to human review.
type Reason string

// The reasons the face check gives.
const (
	ReasonNoFaceOnCard        Reason = "face_not_found_on_card"
	ReasonNoFaceInSelfie      Reason = "no_face_in_selfie"
	ReasonMultipleFaces       Reason = "multiple_faces_in_selfie"
	ReasonFaceMatchLow        Reason = "face_match_low" // in the review band
	ReasonFaceMismatch        Reason = "face_mismatch"  // below the review band: likely another person
	ReasonLivenessUnavailable Reason = "liveness_unavailable"
	ReasonLivenessLow         Reason = "liveness_low"
	ReasonBandsInvalid        Reason = "decision_bands_invalid" // a misconfigured override never approves
)

// Bands turn a Measurement into a Decision. The face thresholds are in FaceMatchScore units, which every
// engine's Calibration anchors to the same meaning; a client may pass its own Bands (stricter or looser)
// per request.
type Bands struct {
	// AutoApprove: a FaceMatchScore at or above it lets the match pass without review. The default 0.9 is
	// each engine's calibrated zero-false-match point.
	AutoApprove float64
	// Review: below it the pair is reported as face_mismatch, between Review and AutoApprove as
	// face_match_low. Both go to review; the product never rejects automatically.
	Review float64
	// MinLiveness: a liveness score (the model's live-class probability) below it is liveness_low. The
	// scale belongs to the liveness model; DefaultBands picks the calibrated value for each model.
	MinLiveness float64
}

// DefaultBands returns the calibrated bands for a liveness model (see bench/face.md).
func DefaultBands(l LivenessModel) Bands {
	return Bands{AutoApprove: ScoreAtAutoApprove, Review: ScoreAtReview, MinLiveness: livenessThreshold(l)}
}

// Validate rejects bands that would approve without evidence or are out of order.
func (b Bands) Validate() error {
	var errs []error
	if !(b.AutoApprove > 0 && b.AutoApprove <= 1) {
		errs = append(errs, fmt.Errorf("auto-approve threshold %v must be in (0, 1]", b.AutoApprove))
	}
	if !(b.Review >= 0 && b.Review <= b.AutoApprove) {
		errs = append(errs, fmt.Errorf("review threshold %v must be in [0, auto-approve %v]", b.Review, b.AutoApprove))
	}
	if !(b.MinLiveness > 0 && b.MinLiveness <= 1) {
		errs = append(errs, fmt.Errorf("liveness threshold %v must be in (0, 1]", b.MinLiveness))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("face: bands: %w", err)
	}
	return nil
}

// Decision is the outcome for one session: AutoApprove only when there is no reason at all.
type Decision struct {
	AutoApprove bool
	Reasons     []Reason
}

// Decide applies the bands. It is pure: the pipeline may re-decide a stored Measurement with a client's
// bands. Invalid bands never approve.
func (b Bands) Decide(m Measurement) Decision {
	var rs []Reason
	if m.CardFaces == 0 {
		rs = append(rs, ReasonNoFaceOnCard)
	}
	switch {
	case m.SelfieFaces == 0:
		rs = append(rs, ReasonNoFaceInSelfie)
	case m.SelfieFaces > 1:
		rs = append(rs, ReasonMultipleFaces)
	}
	if m.FaceMatchScore != nil {
		switch s := *m.FaceMatchScore; {
		case s < b.AutoApprove && (m.CardQuality.low() || m.SelfieQuality.low()):
			rs = append(rs, ReasonFaceQualityLow)
		case s < b.Review:
			rs = append(rs, ReasonFaceMismatch)
		case s < b.AutoApprove:
			rs = append(rs, ReasonFaceMatchLow)
		}
	}
	switch {
	case m.LivenessScore == nil:
		if m.SelfieFaces > 0 {
			rs = append(rs, ReasonLivenessUnavailable)
		}
	case *m.LivenessScore < b.MinLiveness:
		rs = append(rs, ReasonLivenessLow)
	}
	if b.Validate() != nil {
		rs = append(rs, ReasonBandsInvalid)
	}
	approve := len(rs) == 0 && m.FaceMatchScore != nil && m.LivenessScore != nil
	return Decision{AutoApprove: approve, Reasons: rs}
}
