package pipeline

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/store"
)

// MatchFaceWorker compares the Aadhaar photo with the selfie, scores liveness and decides.
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

// Work measures, applies the client's bands and records the decision.
func (w *MatchFaceWorker) Work(ctx context.Context, job *river.Job[jobs.MatchFaceArgs]) error {
	id, gen := job.Args.SessionID, job.Args.Generation
	step, due, err := w.kyc.LoadStep(ctx, id, gen, kyc.StatusOCRCompleted)
	if err != nil || !due {
		return retryErr(ctx, w.kyc, w.log, job.JobRow, id, gen, "matching faces", err)
	}
	card, releaseCard, err := decode(ctx, w.kyc, step.Documents[kyc.DocAadhaarFront])
	if err != nil {
		return giveUpOrRetry(ctx, w.kyc, w.log, job.JobRow, id, gen, "matching faces", err)
	}
	defer releaseCard()
	selfie, releaseSelfie, err := decode(ctx, w.kyc, step.Documents[kyc.DocLivePhoto])
	if err != nil {
		return giveUpOrRetry(ctx, w.kyc, w.log, job.JobRow, id, gen, "matching faces", err)
	}
	defer releaseSelfie()
	bands, err := w.bands(ctx, step.Session)
	if err != nil {
		return giveUpOrRetry(ctx, w.kyc, w.log, job.JobRow, id, gen, "matching faces", err)
	}
	res, err := w.verifier.VerifyWith(ctx, card, selfie, bands)
	if err != nil {
		return giveUpOrRetry(ctx, w.kyc, w.log, job.JobRow, id, gen, "matching faces", err)
	}
	o := outcome(res, cardReasons(step.Session.OCRResult))
	if err := w.kyc.CompleteMatching(ctx, id, gen, o); err != nil {
		return giveUpOrRetry(ctx, w.kyc, w.log, job.JobRow, id, gen, "recording the decision", err)
	}
	return nil
}

// NextRetry backs off 1 s, 4 s, 9 s, 16 s.
func (w *MatchFaceWorker) NextRetry(job *river.Job[jobs.MatchFaceArgs]) time.Time {
	return time.Now().Add(backoff(job.Attempt))
}

// bands are the client's override, else the calibrated defaults.
func (w *MatchFaceWorker) bands(ctx context.Context, s store.Session) (face.Bands, error) {
	set, err := w.store.GetClientSettings(ctx, s.ClientID)
	if err != nil || set.FaceBands == nil {
		return w.verifier.Bands(), err
	}
	b := set.FaceBands
	return face.Bands{AutoApprove: b.AutoApprove, Review: b.Review, MinLiveness: b.MinLiveness}, nil
}

// outcome joins the face decision and the cards' review reasons: approval needs both clean.
func outcome(r face.Result, fromCards []kyc.Reason) kyc.Outcome {
	o := kyc.Outcome{Approved: r.AutoApprove, FaceMatchScore: r.FaceMatchScore, LivenessScore: r.LivenessScore}
	for _, reason := range r.Reasons {
		o.Reasons = append(o.Reasons, kyc.Reason{Code: string(reason), Message: faceMessages[reason]})
	}
	o.Reasons = append(o.Reasons, fromCards...)
	if len(o.Reasons) > 0 {
		o.Approved = false
	}
	return o
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
}

// cardReasons are the reading's findings a reviewer must look at (warnings and errors), once per code.
func cardReasons(raw json.RawMessage) []kyc.Reason {
	var r OCRResult
	if len(raw) == 0 || json.Unmarshal(raw, &r) != nil {
		return []kyc.Reason{{Code: "ocr_result_missing", Message: "The card reading result is missing."}}
	}
	var out []kyc.Reason
	seen := map[cards.Code]bool{}
	for _, fs := range [][]cards.Finding{r.PAN.Findings, r.AadhaarFront.Findings, r.AadhaarBack.Findings, r.CrossCheck} {
		for _, f := range fs {
			if f.Severity == cards.SevInfo || seen[f.Code] {
				continue
			}
			seen[f.Code] = true
			out = append(out, kyc.Reason{Code: string(f.Code), Message: f.Message})
		}
	}
	return out
}
