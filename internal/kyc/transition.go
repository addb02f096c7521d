package kyc

import (
	"context"
	"fmt"

	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/webhook"
)

// change is one move of the state machine and what it writes besides the status.
type change struct {
	to      Status
	update  store.ProcessingUpdate // Status and Progress are filled in from to
	event   string                 // history entry kind
	webhook string                 // event for the client's endpoint ("" for none)
	detail  map[string]any
}

// move applies a change inside tx: it checks the state machine, writes the session, the history entry (which
// notifies watchers on commit) and the outbox row with its delivery job. Every status change goes through here,
// so status, history, webhooks and watchers cannot disagree.
func (s *Service) move(ctx context.Context, tx Tx, sess Session, c change) (Session, error) {
	if sess.Status != c.to && !CanMove(sess.Status, c.to) {
		return sess, fmt.Errorf("kyc: session %s cannot move from %s to %s", sess.ID, sess.Status, c.to)
	}
	u := c.update
	u.Status = string(c.to)
	if u.Generation == 0 {
		u.Generation = sess.Generation
	}
	if u.Progress == 0 {
		u.Progress = Progress(c.to, len(RequiredDocuments))
	}
	row, err := tx.UpdateProcessing(ctx, sess.ID, u)
	if err != nil {
		return sess, err
	}
	if err := tx.InsertEvent(ctx, sess.ID, c.event, string(c.to), c.detail); err != nil {
		return sess, err
	}
	if c.webhook != "" && s.outbox != nil {
		subject := webhook.Subject{Session: row, QRFaceMatchScore: QRFaceMatchScore(sessionOf(row))}
		if err := s.outbox.Record(ctx, tx, subject, c.webhook); err != nil {
			return sess, err
		}
	}
	return sessionOf(row), nil
}

// startProcessing begins a processing run: a new generation, DOCUMENTS_UPLOADED, and the first job. The first
// run tells the client all documents are in.
func (s *Service) startProcessing(ctx context.Context, tx Tx, sess Session, reason string) (Session, error) {
	c := change{
		to:     StatusDocumentsUploaded,
		update: store.ProcessingUpdate{Generation: sess.Generation + 1, ClearScores: true},
		event:  "kyc.processing_started",
		detail: map[string]any{"reason": reason, "generation": sess.Generation + 1},
	}
	if sess.Status == StatusPending {
		c.event, c.webhook = webhook.EventDocumentsUploaded, webhook.EventDocumentsUploaded
	}
	next, err := s.move(ctx, tx, sess, c)
	if err != nil {
		return sess, err
	}
	if s.jobs == nil {
		return next, nil
	}
	return next, s.jobs.Enqueue(ctx, tx, readCardsArgs(next), nil)
}
