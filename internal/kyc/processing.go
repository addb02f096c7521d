package kyc

import (
	"context"
	"encoding/json"
	"errors"
	"io"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/webhook"
)

// ExtractedData is what the cards yielded, in the API's field names. The Aadhaar number is masked.
type ExtractedData struct {
	PanNumber     string `json:"panNumber,omitempty"`
	AadhaarNumber string `json:"aadhaarNumber,omitempty"`
	FullName      string `json:"fullName,omitempty"`
	DateOfBirth   string `json:"dateOfBirth,omitempty"`
	Address       string `json:"address,omitempty"`
	// AadhaarQR is present once the cards are read if a Secure QR was decoded on either Aadhaar side.
	AadhaarQR *AadhaarQR `json:"aadhaarQr,omitempty"`
}

// Step is a session and its documents as a processing step sees them.
type Step struct {
	Session   Session
	Documents map[DocType]Document
}

func readCardsArgs(s Session) jobs.ReadCardsArgs {
	return jobs.ReadCardsArgs{SessionID: s.ID, Generation: s.Generation}
}

// LoadStep returns the session for a step of run gen, and whether the step is still due: a step of an older
// run, or one already done (a repeated job), is not.
func (s *Service) LoadStep(ctx context.Context, id uuid.UUID, gen int, status Status) (Step, bool, error) {
	sess, err := getSession(ctx, s.store, id)
	if errors.Is(err, store.ErrNotFound) {
		return Step{}, false, nil
	}
	if err != nil {
		return Step{}, false, err
	}
	if sess.Generation != gen || sess.Status != status || sess.ErasedAt != nil {
		return Step{Session: sess}, false, nil
	}
	docs, err := listDocuments(ctx, s.store, id)
	if err != nil {
		return Step{}, false, err
	}
	step := Step{Session: sess, Documents: map[DocType]Document{}}
	for _, d := range docs {
		step.Documents[d.Type] = d
	}
	return step, true, nil
}

// OpenDocument streams a stored document, decrypted.
func (s *Service) OpenDocument(ctx context.Context, d Document) (io.ReadCloser, error) {
	r, _, err := s.uploads.Vault.Open(ctx, d.ObjectKey)
	if err != nil {
		return nil, storageErr(err)
	}
	return r, nil
}

// CompleteReading records what the cards yielded and queues the face step, if run gen is still current. result
// is the card reader's whole reading, stored for reviewers (its findings feed the decision: CardReasons).
// Full Aadhaar numbers anywhere in either are masked first (mask.go). photo, when the Secure QR had one, is
// stored encrypted beside the documents (DocAadhaarQRPhoto); without one, a previous run's QR photo is removed
// in the same transaction (its object after commit), so the photo always belongs to the current reading.
func (s *Service) CompleteReading(ctx context.Context, id uuid.UUID, gen int, data ExtractedData, result any, photo *QRPhoto) error {
	extracted, err := json.Marshal(data.masked())
	if err != nil {
		return err
	}
	ocr, err := maskStrings(result)
	if err != nil {
		return err
	}
	var doc *store.Document
	if photo != nil {
		d, err := s.putQRPhoto(ctx, id, photo)
		if err != nil {
			return err
		}
		doc = &d
	}
	recorded, unreferenced := false, ""
	err = s.store.InTx(ctx, func(tx Tx) error {
		recorded, unreferenced = false, ""
		sess, err := lockSession(ctx, tx, id)
		if err != nil || sess.Generation != gen || sess.Status != StatusDocumentsUploaded {
			return ignoreGone(err)
		}
		// The QR photo is this run's or none: a run that found no photo drops the previous run's with its reading.
		if doc != nil {
			unreferenced, err = tx.PutDocument(ctx, *doc)
		} else {
			unreferenced, err = tx.DeleteDocument(ctx, id, string(DocAadhaarQRPhoto))
		}
		if err != nil {
			return err
		}
		next, err := s.move(ctx, tx, sess, change{
			to:     StatusOCRCompleted,
			update: store.ProcessingUpdate{ExtractedData: extracted, OCRResult: ocr},
			event:  "kyc.ocr_completed",
		})
		if err != nil {
			return err
		}
		recorded = true
		if s.jobs == nil {
			return nil
		}
		return s.jobs.Enqueue(ctx, tx, jobs.MatchFaceArgs{SessionID: id, Generation: next.Generation}, nil)
	})
	switch {
	case doc != nil && (err != nil || !recorded):
		s.deleteObject(doc.ObjectKey) //nolint:contextcheck // detached on purpose: a stale run's photo, or one whose row was not written
	case err == nil && recorded && unreferenced != "":
		s.deleteObject(unreferenced) //nolint:contextcheck // detached on purpose: the previous run's photo, replaced or dropped
	}
	return err
}

// CompleteMatching decides run gen from the face step's measurement and the run's card reading
// (decideRun): FACE_VERIFIED, or PENDING_REVIEW with the reasons; it records the decision and tells the client.
func (s *Service) CompleteMatching(ctx context.Context, id uuid.UUID, gen int, face FaceCheck) error {
	var o *Outcome
	err := s.store.InTx(ctx, func(tx Tx) error {
		o = nil
		sess, err := lockSession(ctx, tx, id)
		if err != nil || sess.Generation != gen || sess.Status != StatusOCRCompleted {
			return ignoreGone(err)
		}
		run := decideRun(face, CardReasons(sess.OCRResult))
		if e := faceEvidence(face); e != nil {
			if run.ocrResult, err = withFaceEvidence(sess.OCRResult, e); err != nil {
				return err
			}
		}
		if _, err = s.decide(ctx, tx, sess, run); err == nil {
			o = &run
		}
		return err
	})
	s.tellDecided(err, o)
	return err
}

// tellDecided passes a committed decision to Deps.Decided.
func (s *Service) tellDecided(err error, o *Outcome) {
	if err == nil && o != nil && s.decided != nil {
		s.decided(*o)
	}
}

// FailProcessing sends a run that could not finish (after its retries) to review, with the reason.
func (s *Service) FailProcessing(ctx context.Context, id uuid.UUID, gen int, code, message string) error {
	var o *Outcome
	err := s.store.InTx(ctx, func(tx Tx) error {
		o = nil
		sess, err := lockSession(ctx, tx, id)
		if err != nil || sess.Generation != gen || (sess.Status != StatusDocumentsUploaded && sess.Status != StatusOCRCompleted) {
			return ignoreGone(err)
		}
		run := Outcome{Reasons: []Reason{{Code: code, Message: message}}}
		if _, err = s.decide(ctx, tx, sess, run); err == nil {
			o = &run
		}
		return err
	})
	s.tellDecided(err, o)
	return err
}

func (s *Service) decide(ctx context.Context, tx Tx, sess Session, o Outcome) (Session, error) {
	to := StatusPendingReview
	if o.Approved && len(o.Reasons) == 0 {
		to = StatusFaceVerified
	}
	reasons, err := json.Marshal(append([]Reason{}, o.Reasons...))
	if err != nil {
		return sess, err
	}
	return s.move(ctx, tx, sess, change{
		to: to,
		update: store.ProcessingUpdate{FaceMatchScore: o.FaceMatchScore, LivenessScore: o.LivenessScore,
			ReviewReasons: reasons, ClearScores: true, Decided: true, OCRResult: o.ocrResult},
		event:   "kyc.verification_completed",
		webhook: webhook.EventVerificationCompleted,
		detail:  map[string]any{"reasons": o.Reasons},
	})
}

// ignoreGone: a session erased meanwhile needs nothing more.
func ignoreGone(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}
