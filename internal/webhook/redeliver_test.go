package webhook

import (
	"context"
	"testing"
	"time"
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
