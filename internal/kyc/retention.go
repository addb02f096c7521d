package kyc

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/store"
)

// EraseExpiredDocuments applies the retention period: it deletes the document images of up to limit sessions
// whose outcome is final for their documents (FACE_VERIFIED, VERIFIED or REJECTED, or replaced by a newer
// session) since before cutoff, keeping the rest of each session, and audits each as done by the system. It
// returns how many sessions it cleared. Objects go first, so a failure leaves the session due and the next pass
// finishes it.
func (s *Service) EraseExpiredDocuments(ctx context.Context, cutoff time.Time, limit int) (int, error) {
	ids, err := s.store.SessionsPastRetention(ctx, cutoff, limit)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		done, err := s.eraseExpired(ctx, id, cutoff)
		if err != nil {
			return n, err
		}
		if done {
			n++
		}
	}
	return n, nil
}

func (s *Service) eraseExpired(ctx context.Context, id uuid.UUID, cutoff time.Time) (bool, error) {
	gone, err := s.deleteDocumentObjects(ctx, s.store, id)
	if err != nil {
		return false, err
	}
	var keys []string
	err = s.store.InTx(ctx, func(tx Tx) error {
		sess, err := tx.LockSessionPastRetention(ctx, id, cutoff)
		if err != nil {
			return err
		}
		if keys, err = tx.DeleteDocuments(ctx, id); err != nil {
			return err
		}
		if err := tx.MarkDocumentsErased(ctx, id); err != nil {
			return err
		}
		detail := map[string]any{"reason": "retention", "documents": len(keys)}
		if err := tx.InsertEvent(ctx, id, "kyc.documents_erased", sess.Status, detail); err != nil {
			return err
		}
		detail["status"], detail["environment"] = sess.Status, sess.Environment
		return audit.Record(ctx, tx, audit.System(), audit.Entry{
			Action: audit.ActionSessionDocumentsErased, TargetType: audit.TargetSession, TargetID: id.String(),
			ClientID: sess.ClientID, Detail: detail,
		})
	})
	if errors.Is(err, store.ErrNotFound) {
		return false, nil // no longer due (erased meanwhile)
	}
	if err != nil {
		return false, err
	}
	for _, k := range keys {
		if !gone[k] {
			s.deleteObject(k)
		}
	}
	return true, nil
}

// EraseAbandoned erases up to limit sessions abandoned before cutoff: open, never sent to verification (PENDING
// or DOCUMENTS_UPLOADED), untouched since. The end user left; nothing will be decided, and their documents and
// personal data have no purpose any more (DPDP Act: storage limitation). Each becomes a tombstone as on an
// erasure request, audited as done by the system for this reason. It returns how many it erased.
//
// The session's row is locked before its objects are deleted, so an upload racing the job (the user came back)
// either lands first, and the session is no longer abandoned, or waits and then finds a tombstone. If deleting
// an object fails, the transaction rolls back and the next pass finishes the job.
func (s *Service) EraseAbandoned(ctx context.Context, cutoff time.Time, limit int) (int, error) {
	ids, err := s.store.AbandonedSessions(ctx, cutoff, limit)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		err = s.store.InTx(ctx, func(tx Tx) error {
			sess, err := tx.LockSessionAbandoned(ctx, id, cutoff)
			if err != nil {
				return err
			}
			if _, err := s.deleteDocumentObjects(ctx, tx, id); err != nil {
				return err
			}
			_, _, err = eraseLocked(ctx, tx, sessionOf(sess), audit.System(), map[string]any{"reason": "abandoned"})
			return err
		})
		if errors.Is(err, store.ErrNotFound) {
			continue // touched meanwhile (an upload, a verification): no longer abandoned
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
