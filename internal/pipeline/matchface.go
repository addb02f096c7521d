package pipeline

import (
	"context"
	"image"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/store"
)

// MatchFaceWorker compares the Aadhaar photo (and the Secure QR's photo, when the card step stored one) with the
// selfie, scores liveness and hands the measurement to kyc, which decides.
type MatchFaceWorker struct {
	river.WorkerDefaults[jobs.MatchFaceArgs]
	kyc      *kyc.Service
	store    *store.Store
	verifier *face.Verifier
	log      *slog.Logger
}

// NewMatchFaceWorker returns the face step.
func NewMatchFaceWorker(k *kyc.Service, s *store.Store, v *face.Verifier, log *slog.Logger) *MatchFaceWorker {
	return &MatchFaceWorker{kyc: k, store: s, verifier: v, log: log}
}

// Work measures with the client's bands and hands the measurement to kyc, which decides and records.
func (w *MatchFaceWorker) Work(ctx context.Context, job *river.Job[jobs.MatchFaceArgs]) error {
	id, gen := job.Args.SessionID, job.Args.Generation
	try := attempt{kyc: w.kyc, log: w.log, job: job.JobRow, id: id, gen: gen}
	step, due, err := w.kyc.LoadStep(ctx, id, gen, kyc.StatusOCRCompleted)
	if err != nil || !due {
		return try.loadFailed(ctx, "matching faces", err)
	}
	check, err := w.measure(ctx, step)
	if err != nil {
		return try.failed(ctx, "matching faces", err)
	}
	if err := decide(ctx, w.kyc, id, gen, check); err != nil {
		return try.failed(ctx, "recording the decision", err)
	}
	return nil
}

// measure compares the Aadhaar photo with the selfie and scores liveness, with the client's bands.
func (w *MatchFaceWorker) measure(ctx context.Context, step kyc.Step) (kyc.FaceCheck, error) {
	card, releaseCard, err := decode(ctx, w.kyc, step.Documents[kyc.DocAadhaarFront])
	if err != nil {
		return kyc.FaceCheck{}, err
	}
	defer releaseCard()
	selfie, releaseSelfie, err := decode(ctx, w.kyc, step.Documents[kyc.DocLivePhoto])
	if err != nil {
		return kyc.FaceCheck{}, err
	}
	defer releaseSelfie()
	bands, err := w.bands(ctx, step.Session)
	if err != nil {
		return kyc.FaceCheck{}, err
	}
	cardDoc, selfieDoc := step.Documents[kyc.DocAadhaarFront], step.Documents[kyc.DocLivePhoto]
	doc, ok := step.Documents[kyc.DocAadhaarQRPhoto]
	if !ok {
		res, err := w.verifier.VerifyWith(ctx, card, selfie, bands)
		if err != nil {
			return kyc.FaceCheck{}, err
		}
		check := faceCheck(res)
		check.Faces = &kyc.FaceBoxes{Card: faceBox(res.CardBox, cardDoc), Selfie: faceBox(res.SelfieBox, selfieDoc)}
		return check, nil
	}
	qrPhoto, release, err := decode(ctx, w.kyc, doc)
	if err != nil {
		return kyc.FaceCheck{}, err
	}
	defer release()
	check, multi, err := w.verifyTwoReferences(ctx, card, qrPhoto, selfie, bands, kyc.QRSignature(step.Session) == kyc.QRSignatureValid)
	if err != nil {
		return kyc.FaceCheck{}, err
	}
	check.Faces = &kyc.FaceBoxes{Card: faceBox(multi.References[0].Box, cardDoc),
		QR: faceBox(multi.References[1].Box, doc), Selfie: faceBox(multi.SelfieBox, selfieDoc)}
	return check, nil
}

// faceBox is a face's box on a document as kyc records it for the reviewers' crops (nil: no face).
func faceBox(r *image.Rectangle, d kyc.Document) *kyc.FaceBox {
	if r == nil {
		return nil
	}
	return &kyc.FaceBox{X: r.Min.X, Y: r.Min.Y, W: r.Dx(), H: r.Dy(), Version: d.Version}
}

// verifyTwoReferences compares the selfie with the card's printed photo and the Secure QR's photo at once
// (face.VerifyReferences: the selfie is searched, embedded and scored for liveness once). The best match
// decides only when the QR's signature is VALID: the multi-reference rule is safe because every reference is
// trusted, and an altered or untrusted QR's photo is anyone's. Otherwise the printed photo decides and the
// QR photo's score is only reported. faceMatchScore stays the printed photo's, as the guide defines it.
func (w *MatchFaceWorker) verifyTwoReferences(ctx context.Context, card, qrPhoto, selfie image.Image, bands face.Bands, qrTrusted bool) (kyc.FaceCheck, face.MultiResult, error) {
	refs := []face.Reference{{Name: kyc.FaceRefCard, Image: card}, {Name: kyc.FaceRefQR, Image: qrPhoto}}
	multi, err := w.verifier.VerifyReferences(ctx, refs, selfie, bands)
	if err != nil {
		return kyc.FaceCheck{}, multi, err
	}
	printed, fromQR := multi.References[0], multi.References[1]
	decided := multi.Result
	if !qrTrusted && multi.Best != 0 {
		m := decided.Measurement
		m.CardFaces, m.Similarity, m.FaceMatchScore, m.CardQuality = printed.Faces, printed.Similarity, printed.FaceMatchScore, printed.Quality
		decided = face.Result{Measurement: m, Decision: bands.Decide(m)}
	}
	check := faceCheck(decided)
	check.FaceMatchScore, check.QRFaceMatchScore = printed.FaceMatchScore, fromQR.FaceMatchScore
	check.BestEvidence = refs[multi.Best].Name
	return check, multi, nil
}

// NextRetry backs off 1 s, 4 s, 9 s, 16 s.
func (w *MatchFaceWorker) NextRetry(job *river.Job[jobs.MatchFaceArgs]) time.Time {
	return time.Now().Add(backoff(job.Attempt))
}

// bands are the client's override, else the calibrated defaults.
func (w *MatchFaceWorker) bands(ctx context.Context, s kyc.Session) (face.Bands, error) {
	set, err := w.store.GetClientSettings(ctx, s.ClientID)
	if err != nil || set.FaceBands == nil {
		return w.verifier.Bands(), err
	}
	b := set.FaceBands
	return face.Bands{AutoApprove: b.AutoApprove, Review: b.Review, MinLiveness: b.MinLiveness}, nil
}

// faceCheck is the face engine's result as kyc takes it, its reasons in the reviewer's words.
func faceCheck(r face.Result) kyc.FaceCheck {
	c := kyc.FaceCheck{Passed: r.AutoApprove, FaceMatchScore: r.FaceMatchScore, LivenessScore: r.LivenessScore}
	for _, reason := range r.Reasons {
		c.Reasons = append(c.Reasons, kyc.Reason{Code: string(reason), Message: faceMessages[reason]})
	}
	return c
}

var faceMessages = map[face.Reason]string{
	face.ReasonNoFaceOnCard:        "No face was found on the Aadhaar card.",
	face.ReasonNoFaceInSelfie:      "No face was found in the live photo.",
	face.ReasonMultipleFaces:       "The live photo shows more than one face.",
	face.ReasonFaceMatchLow:        "The live photo matches the Aadhaar photo only weakly.",
	face.ReasonFaceMismatch:        "The live photo does not match the Aadhaar photo.",
	face.ReasonLivenessUnavailable: "Liveness could not be scored (no liveness model available).",
	face.ReasonLivenessLow:         "The live photo may not be of a live person (low liveness score).",
	face.ReasonBandsInvalid:        "The decision bands are misconfigured; nothing is approved automatically.",
	face.ReasonFaceQualityLow: "A face image is too small, blurred, dark or turned to judge the match; " +
		"compare the photos by eye.",
}
