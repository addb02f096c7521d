package kyc

import (
	"context"
	"maps"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/audit"
)

// errErased answers every change asked of an erased session.
var errErased = apperr.New(apperr.FailedState,
	"This KYC session was erased (at the client's request, or after it was abandoned); only its tombstone remains. Initiate a new session.")

// Erased is the outcome of an erasure.
type Erased struct {
	Session   Session // the tombstone
	Documents int     // document images deleted by this call
}

// Erase deletes a session's document images and personal data at the data principal's request, keeping a
// tombstone (id, client, environment, status, progress, timestamps, erasure time), and audits it in the same
// transaction. Erasing a tombstone again returns it unchanged.
//
// Objects go first: if deleting one fails, nothing in the database has changed and the client may retry. A
// document recorded between that and the transaction (a racing upload) is deleted after the commit; the erased
// session refuses any later upload, and a processing run still under way finds its run stale (the generation
// moves on) and records nothing.
func (s *Service) Erase(ctx context.Context, c Caller, actor audit.Actor, id uuid.UUID) (Erased, error) {
	sess, err := s.Session(ctx, c, id)
	if err != nil {
		return Erased{}, err
	}
	if sess.ErasedAt != nil {
		return Erased{Session: sess}, nil
	}
	gone, err := s.deleteDocumentObjects(ctx, s.store, id)
	if err != nil {
		return Erased{}, err
	}
	var out Erased
	var keys []string
	err = s.store.InTx(ctx, func(tx Tx) error {
		sess, err := lockSession(ctx, tx, id)
		if err != nil {
			return sessionErr(err)
		}
		if sess.ErasedAt != nil { // a concurrent erasure won
			out = Erased{Session: sess}
			return nil
		}
		keys, out, err = eraseLocked(ctx, tx, sess, actor, nil)
		return err
	})
	if err != nil {
		return Erased{}, dbErr(err)
	}
	for _, k := range keys {
		if !gone[k] {
			s.deleteObject(k)
		}
	}
	return out, nil
}

// eraseLocked erases a session whose row the transaction holds: documents, personal data, traces; it records
// the history entry and the audit entry (with extra detail, e.g. the reason when the system erases).
func eraseLocked(ctx context.Context, tx Tx, sess Session, actor audit.Actor, extra map[string]any) ([]string, Erased, error) {
	keys, err := tx.DeleteDocuments(ctx, sess.ID)
	if err != nil {
		return nil, Erased{}, err
	}
	tomb, err := tx.EraseSession(ctx, sess.ID)
	if err != nil {
		return nil, Erased{}, err
	}
	if err := tx.EraseSessionTraces(ctx, sess.ID); err != nil {
		return nil, Erased{}, err
	}
	if err := tx.InsertEvent(ctx, sess.ID, "kyc.erased", string(sess.Status), nil); err != nil {
		return nil, Erased{}, err
	}
	detail := map[string]any{"documents": len(keys), "status": string(sess.Status), "environment": sess.Environment}
	maps.Copy(detail, extra)
	err = audit.Record(ctx, tx, actor, audit.Entry{
		Action: audit.ActionSessionErased, TargetType: audit.TargetSession, TargetID: sess.ID.String(),
		ClientID: sess.ClientID, Detail: detail,
	})
	return keys, Erased{Session: sessionOf(tomb), Documents: len(keys)}, err
}

// deleteDocumentObjects deletes the stored images of a session's current documents, as q lists them (the store,
// or a transaction holding the session's row), and returns their keys.
func (s *Service) deleteDocumentObjects(ctx context.Context, q SessionReader, id uuid.UUID) (map[string]bool, error) {
	docs, err := q.ListDocuments(ctx, id)
	if err != nil {
		return nil, dbErr(err)
	}
	gone := map[string]bool{}
	if len(docs) > 0 && s.uploads == nil {
		return nil, apperr.New(apperr.Unavailable, "Document storage is not configured.")
	}
	for _, d := range docs {
		if err := s.uploads.Vault.Delete(ctx, d.ObjectKey); err != nil {
			return nil, storageErr(err)
		}
		gone[d.ObjectKey] = true
	}
	return gone, nil
}

// refuseErased is the check of the use-cases that change a session (upload, verify).
func refuseErased(sess Session) error {
	if sess.ErasedAt != nil {
		return errErased
	}
	return nil
}
