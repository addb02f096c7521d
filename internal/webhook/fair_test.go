package webhook

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"github.com/enxtai/kyc/internal/blob/envelope"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
)

// deliveryRig is a database, a job queue and a delivery sender that may post to loopback receivers.
type deliveryRig struct {
	store  *store.Store
	queue  *jobs.Queue
	sender *Sender
	outbox *Outbox
}

func newDeliveryRig(t *testing.T) *deliveryRig {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, pgtest.NewDatabase(t), 20)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	q, err := jobs.NewQueue(s.Pool())
	if err != nil {
		t.Fatal(err)
	}
	keys, err := envelope.NewKeyring(envelope.Key{ID: "test", Secret: [envelope.KeySize]byte{1, 2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	guard, err := NewGuard("127.0.0.1", false, 15*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return &deliveryRig{store: s, queue: q, sender: NewSender(guard, keys), outbox: NewOutbox(q, []time.Duration{time.Second}, keys)}
}

// client creates a tenant whose live endpoint is url.
func (r *deliveryRig) client(t *testing.T, url string) uuid.UUID {
	t.Helper()
	ctx := context.Background()
	id := uuid.New()
	enc, err := r.sender.SealSecret(id, NewSecret())
	if err != nil {
		t.Fatal(err)
	}
	err = r.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertClient(ctx, id, "client "+id.String()[:8]); err != nil {
			return err
		}
		_, err := tx.PutWebhookConfig(ctx, store.WebhookConfig{ClientID: id, Environment: "live", URL: url, SecretEnc: enc})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// deliver records a delivery for the client with its job, as the outbox does.
func (r *deliveryRig) deliver(t *testing.T, client uuid.UUID) uuid.UUID {
	t.Helper()
	ctx := context.Background()
	id := uuid.New()
	err := r.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertDelivery(ctx, store.Delivery{ID: id, ClientID: client, Environment: "live",
			Event: EventStatusChanged, Body: []byte(`{"id":"` + id.String() + `"}`)}); err != nil {
			return err
		}
		_, err := r.outbox.enqueue(ctx, tx, id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// run works deliveries with workers shared delivery workers, perClient of them per client, until the test ends.
func (r *deliveryRig) run(t *testing.T, workers, perClient int) {
	t.Helper()
	ws := river.NewWorkers()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	river.AddWorker(ws, NewWorker(r.store, r.sender, []time.Duration{time.Second}, perClient, log))
	runner, err := jobs.NewRunner(r.store.Pool(), ws, jobs.RunnerConfig{RecognitionWorkers: 1, WebhookWorkers: workers,
		JobTimeout: time.Minute, RescueAfter: 5 * time.Minute, PollInterval: 100 * time.Millisecond}, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = runner.Run(ctx, 100*time.Millisecond) }()
	t.Cleanup(func() { cancel(); <-done })
}

// arrivals records when each delivery id reached an endpoint.
type arrivals struct {
	mu sync.Mutex
	at map[string]time.Time
}

func (a *arrivals) handler(delay time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		a.mu.Lock()
		a.at[req.Header.Get("webhook-id")] = time.Now()
		a.mu.Unlock()
		select {
		case <-time.After(delay):
		case <-req.Context().Done():
		}
	})
}

func (a *arrivals) get(id uuid.UUID) (time.Time, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	at, ok := a.at[id.String()]
	return at, ok
}

// TestSlowClientDoesNotDelayOthers: a client whose endpoint takes 9 s to answer, with more deliveries queued
// than there are delivery workers, must not delay another client's deliveries beyond 1 s.
func TestSlowClientDoesNotDelayOthers(t *testing.T) {
	r := newDeliveryRig(t)
	got := &arrivals{at: map[string]time.Time{}}
	slowSrv := httptest.NewServer(got.handler(9 * time.Second))
	fastSrv := httptest.NewServer(got.handler(0))
	slow, fast := r.client(t, slowSrv.URL), r.client(t, fastSrv.URL)
	for range 12 {
		r.deliver(t, slow)
	}
	r.run(t, 4, 2)
	t.Cleanup(slowSrv.Close) // after the runner stops (cleanups run last first)
	t.Cleanup(fastSrv.Close)
	time.Sleep(1500 * time.Millisecond) // the slow client's deliveries have taken what they can

	for i := range 5 {
		start := time.Now()
		id := r.deliver(t, fast)
		for {
			if at, ok := got.get(id); ok {
				if d := at.Sub(start); d > time.Second {
					t.Errorf("delivery %d of the fast client arrived after %v, want <= 1s", i, d.Round(time.Millisecond))
				}
				break
			}
			if time.Since(start) > 12*time.Second {
				t.Fatalf("delivery %d of the fast client never arrived", i)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}
