package webhook

import (
	"context"
	"errors"
	"hash/fnv"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
)

// Worker delivers one outbox row per job. Delivery is at least once: if the process dies between the POST and
// recording it, the job runs again and the endpoint gets the same id and body again (receivers de-duplicate
// by id). Deliveries are independent jobs, and a client has at most perClient of them in flight per process
// (clientSlots), so a slow endpoint holds up only its own deliveries, never the shared workers.
type Worker struct {
	river.WorkerDefaults[jobs.DeliverWebhookArgs]
	store    *store.Store
	sender   *Sender
	schedule []time.Duration
	slots    *clientSlots
	log      *slog.Logger
}

// NewWorker returns the delivery worker with the retry schedule (delays after attempts 1, 2, ...) and the
// deliveries one client may have in flight at once in this process.
func NewWorker(s *store.Store, sender *Sender, schedule []time.Duration, perClient int, log *slog.Logger) *Worker {
	return &Worker{store: s, sender: sender, schedule: schedule, slots: newClientSlots(perClient), log: log}
}

// Work makes one attempt.
func (w *Worker) Work(ctx context.Context, job *river.Job[jobs.DeliverWebhookArgs]) error {
	d, err := w.store.GetDelivery(ctx, job.Args.DeliveryID)
	if errors.Is(err, store.ErrNotFound) || err == nil && d.Status == "delivered" {
		return nil // erased, or already delivered (a repeated job)
	}
	if err != nil {
		return err
	}
	if !w.slots.acquire(d.ClientID) {
		return river.JobSnooze(busySnooze) // the client's endpoint already has its share of the workers
	}
	defer w.slots.release(d.ClientID)
	cfg, err := w.store.GetWebhookConfig(ctx, d.ClientID, d.Environment)
	if errors.Is(err, store.ErrNotFound) {
		return w.record(ctx, job, store.Attempt{Status: "failed", Error: "no webhook endpoint is configured"})
	}
	if err != nil {
		return err
	}
	body, err := openBody(w.sender.keys, d.ID, d.Body)
	if err != nil {
		return w.record(ctx, job, store.Attempt{Status: "failed", Error: err.Error()})
	}
	res := w.sender.Send(ctx, cfg, d.ID, d.Event, body)
	a := store.Attempt{Status: "delivered", ResponseCode: res.StatusCode, URL: cfg.URL}
	final := job.Attempt >= job.MaxAttempts
	if res.Err != nil {
		a.Status, a.Error = "pending", res.Err.Error()
		if final {
			a.Status = "failed"
		} else {
			next := w.NextRetry(job)
			a.NextAt = &next
		}
	}
	if err := w.record(ctx, job, a); err != nil {
		return err
	}
	if res.Err != nil && !final {
		w.log.InfoContext(ctx, "webhook delivery failed; will retry", "delivery", d.ID, "attempt", job.Attempt, "err", res.Err)
		return res.Err // River retries at NextRetry
	}
	if res.Err != nil {
		w.log.WarnContext(ctx, "webhook delivery failed for good", "delivery", d.ID, "attempts", job.Attempt, "err", res.Err)
	}
	return nil
}

// record saves the attempt. When it ends the delivery (delivered, or failed for good) the job is completed in
// the same transaction: a redelivery that sees the delivery ended then also sees its job done, and gets a new
// one (EnqueueOrWake skips a job still running). A retry is left to River, which reschedules the job.
func (w *Worker) record(ctx context.Context, job *river.Job[jobs.DeliverWebhookArgs], a store.Attempt) error {
	ctx = context.WithoutCancel(ctx) // the endpoint was called: its outcome is recorded even on shutdown
	if a.Status == "pending" {
		_, err := w.store.RecordAttempt(ctx, job.Args.DeliveryID, a)
		return err
	}
	return w.store.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.RecordAttempt(ctx, job.Args.DeliveryID, a); err != nil {
			return err
		}
		return jobs.CompleteTx(ctx, tx, job)
	})
}

// NextRetry follows the schedule with ±10% jitter, derived from the job so that the time recorded in the
// delivery and the time River uses agree.
func (w *Worker) NextRetry(job *river.Job[jobs.DeliverWebhookArgs]) time.Time {
	i := min(max(job.Attempt-1, 0), len(w.schedule)-1)
	base := w.schedule[i]
	h := fnv.New64a()
	h.Write(job.Args.DeliveryID[:])
	h.Write([]byte{byte(job.Attempt)})
	jitter := time.Duration(float64(base) * (float64(h.Sum64()%2001)/10000 - 0.1))
	at := job.AttemptedAt
	if at == nil {
		now := time.Now()
		at = &now
	}
	return at.Add(base + jitter)
}

// Timeout bounds one attempt (the endpoint's timeout plus a margin to record it).
func (w *Worker) Timeout(*river.Job[jobs.DeliverWebhookArgs]) time.Duration { return 30 * time.Second }
