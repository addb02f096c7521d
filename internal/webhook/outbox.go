package webhook

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"github.com/enxtai/kyc/internal/blob/envelope"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
)

// Outbox records events for delivery inside the caller's transaction.
type Outbox struct {
	queue       *jobs.Queue
	maxAttempts int
	keys        *envelope.Keyring // seal the stored bodies (bodyseal.go)
}

// NewOutbox returns an outbox whose deliveries are tried 1 + len(schedule) times, their bodies sealed with keys.
func NewOutbox(q *jobs.Queue, schedule []time.Duration, keys *envelope.Keyring) *Outbox {
	return &Outbox{queue: q, maxAttempts: len(schedule) + 1, keys: keys}
}

// Tx is what the outbox writes in the caller's transaction; *store.Tx is one.
type Tx interface {
	GetWebhookConfig(ctx context.Context, clientID uuid.UUID, env string) (store.WebhookConfig, error)
	InsertDelivery(ctx context.Context, d store.Delivery) error
	jobs.Tx
}

// Record writes an event about the session for the client's endpoint of the session's environment (a sandbox
// session's events go only to the test endpoint), with the job that delivers it, in tx. Without an endpoint
// there is nobody to tell and nothing is recorded.
func (o *Outbox) Record(ctx context.Context, tx Tx, s Subject, event string) error {
	if _, err := tx.GetWebhookConfig(ctx, s.ClientID, s.Environment); errors.Is(err, store.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	id := uuid.New()
	body, err := Body(id, event, time.Now(), s)
	if err != nil {
		return err
	}
	if body, err = sealBody(o.keys, id, body); err != nil {
		return err
	}
	sid := s.ID
	if err := tx.InsertDelivery(ctx, store.Delivery{ID: id, ClientID: s.ClientID, Environment: s.Environment, SessionID: &sid,
		Event: event, Body: body}); err != nil {
		return err
	}
	_, err = o.enqueue(ctx, tx, id)
	return err
}

// enqueue gives the delivery its job, unless it has one that has not finished: that one is woken to try now
// (a redelivery of a pending delivery), so repeated redeliveries never pile up jobs.
func (o *Outbox) enqueue(ctx context.Context, tx jobs.Tx, id uuid.UUID) (bool, error) {
	return o.queue.EnqueueOrWake(ctx, tx, jobs.DeliverWebhookArgs{DeliveryID: id}, &river.InsertOpts{
		Queue: jobs.QueueWebhooks, MaxAttempts: o.maxAttempts, UniqueOpts: jobs.UntilDone,
	})
}
