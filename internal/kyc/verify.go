package kyc

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
)

// Verify runs face verification for a session whose four documents are present, or re-runs it for a session
// in review, and waits up to wait for the outcome. A session being processed is waited for, one with an
// outcome is returned as it is. If the wait ends first, the session is returned as it stands (still
// processing); the outcome follows by webhook and status.
func (s *Service) Verify(ctx context.Context, c Caller, id uuid.UUID, wait time.Duration) (Session, error) {
	wakeups, stop := s.hub.Subscribe(id)
	defer stop()
	var sess Session
	err := s.store.InTx(ctx, func(tx Tx) error {
		var err error
		if sess, err = lockSession(ctx, tx, id); err != nil {
			return sessionErr(err)
		}
		if err := authorize(c, sess); err != nil {
			return err
		}
		if err := refuseErased(sess); err != nil {
			return err
		}
		if sess.SupersededAt != nil {
			return apperr.New(apperr.FailedState, "This KYC session was replaced by a newer one.")
		}
		docs, err := listDocuments(ctx, tx, id)
		if err != nil {
			return err
		}
		if missing := missingDocuments(docs); len(missing) > 0 {
			return apperr.New(apperr.FailedState, "Documents missing: %s. Upload all four documents before verification.",
				strings.Join(missing, ", "))
		}
		if sess.Status == StatusPendingReview {
			sess, err = s.startProcessing(ctx, tx, sess, "verify")
		}
		return err
	})
	if err != nil {
		return Session{}, dbErr(err)
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for !hasOutcome(sess.Status) {
		select {
		case <-ctx.Done():
			return Session{}, ctx.Err()
		case <-timer.C:
			return sess, nil
		case <-wakeups:
			if sess, err = getSession(ctx, s.store, id); err != nil {
				return Session{}, sessionErr(err)
			}
		}
	}
	return sess, nil
}

// hasOutcome: processing is over (auto-approved, in review, or decided by a reviewer).
func hasOutcome(status Status) bool { return status == StatusPendingReview || IsDecided(status) }

func missingDocuments(docs []Document) []string {
	have := map[DocType]bool{}
	for _, d := range docs {
		have[d.Type] = true
	}
	var missing []string
	for _, t := range RequiredDocuments {
		if !have[t] {
			missing = append(missing, string(t))
		}
	}
	return missing
}
