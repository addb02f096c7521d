package kyc

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/store"
)

// Verify runs face verification for a session whose four documents are present, or re-runs it for a session
// in review, and waits up to wait for the outcome. A session being processed is waited for, one with an
// outcome is returned as it is. If the wait ends first, the session is returned as it stands (still
// processing); the outcome follows by webhook and status.
func (s *Service) Verify(ctx context.Context, c Caller, id uuid.UUID, wait time.Duration) (store.Session, error) {
	wakeups, stop := s.hub.Subscribe(id)
	defer stop()
	var sess store.Session
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if sess, err = tx.LockSession(ctx, id); err != nil {
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
		docs, err := tx.ListDocuments(ctx, id)
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
		return store.Session{}, dbErr(err)
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for !hasOutcome(sess.Status) {
		select {
		case <-ctx.Done():
			return store.Session{}, ctx.Err()
		case <-timer.C:
			return sess, nil
		case <-wakeups:
			if sess, err = s.store.GetSession(ctx, id); err != nil {
				return store.Session{}, sessionErr(err)
			}
		}
	}
	return sess, nil
}

// hasOutcome: processing is over (auto-approved, in review, or decided by a reviewer).
func hasOutcome(status string) bool { return status == StatusPendingReview || IsDecided(status) }

func missingDocuments(docs []store.Document) []string {
	have := map[string]bool{}
	for _, d := range docs {
		have[d.Type] = true
	}
	var missing []string
	for _, t := range RequiredDocuments {
		if !have[t] {
			missing = append(missing, t)
		}
	}
	return missing
}
