package webhook

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestRedeliverPendingKeepsOneJob: redelivering a delivery that is still pending, again and again, leaves it
// one job, made to try now rather than at its next scheduled retry.
func TestRedeliverPendingKeepsOneJob(t *testing.T) {
	ctx := context.Background()
	r := newDeliveryRig(t)
	client := r.client(t, "http://127.0.0.1:9/hook")
	id := r.deliver(t, client)
	svc := NewService(r.store, r.sender, r.outbox)
	// as after a failed attempt: the job waits for its retry an hour from now
	if _, err := r.store.Pool().Exec(ctx, `UPDATE river_job SET state = 'retryable', attempt = 1,
		scheduled_at = now() + interval '1 hour' WHERE args->>'delivery_id' = $1`, id.String()); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := svc.Redeliver(ctx, client, "live", id); err != nil {
			t.Fatal(err)
		}
	}
	var jobs int
	var state string
	var at time.Time
	if err := r.store.Pool().QueryRow(ctx, `SELECT count(*), min(state::text), min(scheduled_at) FROM river_job
		WHERE args->>'delivery_id' = $1`, id.String()).Scan(&jobs, &state, &at); err != nil {
		t.Fatal(err)
	}
	if jobs != 1 {
		t.Errorf("a pending delivery redelivered 3 times has %d jobs, want 1", jobs)
	}
	if state != "available" || time.Until(at) > time.Second {
		t.Errorf("its job is %s at %v, want available now", state, at)
	}
}

// TestDeliveryEndsWithItsJob: a delivery reads ended (here delivered) only together with its job's end, so a
// redelivery made as soon as it reads so gets a new job. River completing the job a moment after the worker
// returned left a window in which a redelivery found the job still running, was skipped, and the delivery
// stayed pending for ever. The test holds the job's row, as a busy River completer would be kept waiting.
func TestDeliveryEndsWithItsJob(t *testing.T) {
	ctx := context.Background()
	r := newDeliveryRig(t)
	var hits atomic.Int32
	held := make(chan pgx.Tx, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if hits.Add(1) > 1 {
			return
		}
		tx, err := r.store.Pool().Begin(ctx)
		if err == nil {
			_, err = tx.Exec(ctx, `SELECT 1 FROM river_job WHERE args->>'delivery_id' = $1 FOR UPDATE`, req.Header.Get("webhook-id"))
		}
		if err != nil {
			t.Error(err)
		}
		held <- tx
	}))
	client := r.client(t, srv.URL)
	id := r.deliver(t, client)
	r.run(t, 1, 1)
	t.Cleanup(srv.Close)

	tx := <-held
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if d, err := r.store.GetDelivery(ctx, id); err != nil || d.Status != "pending" {
			_ = tx.Rollback(ctx)
			t.Fatalf("while its job's row is held the delivery reads %q (%v), want pending", d.Status, err)
		}
	}
	_ = tx.Rollback(ctx)
	waitFor(t, "the delivery delivered", func() bool { d, _ := r.store.GetDelivery(ctx, id); return d.Status == "delivered" })
	if _, err := NewService(r.store, r.sender, r.outbox).Redeliver(ctx, client, "live", id); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the redelivery", func() bool { return hits.Load() == 2 })
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen within 10 s", what)
		}
	}
}
