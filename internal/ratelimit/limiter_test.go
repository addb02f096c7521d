package ratelimit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/ratelimit"
)

// The same behaviour from both stores: a key's window holds its budget, the next request is refused with a
// Reset that is when the window restarts, and after Reset the budget is whole again.
func TestFixedWindow(t *testing.T) {
	for _, store := range []string{ratelimit.StoreMemory, ratelimit.StoreRedis} {
		t.Run(store, func(t *testing.T) {
			t.Parallel()
			if store == ratelimit.StoreRedis {
				needRedis(t)
			}
			const limit, window = 5, 2 * time.Second
			l := newLimiter(t, testConfig(store, limit, window), nil, nil)
			p := clientKey()
			start := time.Now()
			var first ratelimit.Decision
			for i := 1; i <= limit; i++ {
				d := take(t, l, p)
				if !d.Allowed || d.Limit != limit || d.Remaining != int64(limit-i) {
					t.Fatalf("request %d: %+v, want allowed with %d remaining of %d", i, d, limit-i, limit)
				}
				if i == 1 {
					first = d
				} else if !d.Reset.Equal(first.Reset) {
					t.Fatalf("request %d: reset %v moved from %v within one window", i, d.Reset, first.Reset)
				}
			}
			// The window ends window after its first request; Reset is that end rounded up to a whole second.
			if end := start.Add(window); first.Reset.Before(end.Add(-time.Second)) || first.Reset.After(end.Add(time.Second)) {
				t.Fatalf("reset %v, want within a second of %v", first.Reset, end)
			}
			refused := take(t, l, p)
			now := time.Now()
			if refused.Allowed || refused.Remaining != 0 || !refused.Reset.Equal(first.Reset) {
				t.Fatalf("request %d: %+v, want refused, 0 remaining, reset %v", limit+1, refused, first.Reset)
			}
			if ra := refused.RetryAfter(now); ra < 1 || ra > int64(window/time.Second)+1 {
				t.Fatalf("retry after %d s, want 1..%d", ra, int64(window/time.Second)+1)
			}
			other := take(t, l, clientKey()) // another key has its own budget
			if !other.Allowed || other.Remaining != limit-1 {
				t.Fatalf("another key: %+v", other)
			}
			time.Sleep(time.Until(refused.Reset))
			again := take(t, l, p)
			if !again.Allowed || again.Remaining != limit-1 || !again.Reset.After(first.Reset) {
				t.Fatalf("after reset: %+v, want a new window with %d remaining", again, limit-1)
			}
		})
	}
}

// Two limiters on one Redis namespace are two replicas: together they admit the budget once. Two memory
// limiters each admit it (the documented single-machine mode).
func TestReplicasShareTheBudget(t *testing.T) {
	needRedis(t)
	cases := []struct {
		store   string
		allowed int
	}{
		{ratelimit.StoreRedis, 10},
		{ratelimit.StoreMemory, 20},
	}
	for _, c := range cases {
		t.Run(c.store, func(t *testing.T) {
			cfg := testConfig(c.store, 10, time.Minute)
			replicas := []*ratelimit.Limiter{newLimiter(t, cfg, nil, nil), newLimiter(t, cfg, nil, nil)}
			p := clientKey()
			allowed := 0
			for i := 0; i < 30; i++ {
				d := take(t, replicas[i%2], p)
				if d.Allowed {
					allowed++
					if c.store == ratelimit.StoreRedis && d.Remaining != int64(10-allowed) {
						t.Fatalf("request %d: %d remaining, want %d (one count for both replicas)", i, d.Remaining, 10-allowed)
					}
				}
			}
			if allowed != c.allowed {
				t.Fatalf("%d of 30 requests allowed, want %d", allowed, c.allowed)
			}
		})
	}
}

// Concurrent requests of one key never overshoot the budget.
func TestConcurrentRequestsHoldTheLimit(t *testing.T) {
	needRedis(t)
	for _, store := range []string{ratelimit.StoreMemory, ratelimit.StoreRedis} {
		t.Run(store, func(t *testing.T) {
			l := newLimiter(t, testConfig(store, 50, time.Minute), nil, nil)
			p := clientKey()
			results := make(chan bool, 200)
			for i := 0; i < 200; i++ {
				go func() {
					d, err := l.Take(context.Background(), p)
					results <- err == nil && d.Allowed
				}()
			}
			allowed := 0
			for i := 0; i < 200; i++ {
				if <-results {
					allowed++
				}
			}
			if allowed != 50 {
				t.Fatalf("%d of 200 concurrent requests allowed, want 50", allowed)
			}
		})
	}
}

func TestTakeWithCancelledContext(t *testing.T) {
	needRedis(t)
	l := newLimiter(t, testConfig(ratelimit.StoreRedis, 5, time.Minute), nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.Take(ctx, clientKey()); !errors.Is(err, context.Canceled) {
		t.Fatalf("Take with a cancelled context: %v, want context.Canceled", err)
	}
}

// Admin keys have the default budget (no client, so no override).
func TestAdminKeysAreLimited(t *testing.T) {
	l := newLimiter(t, testConfig(ratelimit.StoreMemory, 2, time.Minute), nil, nil)
	admin := auth.Principal{KeyID: uuid.New(), Role: auth.RoleAdmin, AdminID: uuid.New()}
	take(t, l, admin)
	take(t, l, admin)
	if d := take(t, l, admin); d.Allowed {
		t.Fatalf("third admin request: %+v, want refused", d)
	}
}

func TestConfigValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(*ratelimit.Config)
		ok     bool
	}{
		{"default", func(*ratelimit.Config) {}, true},
		{"memory", func(c *ratelimit.Config) { c.Store = ratelimit.StoreMemory }, true},
		{"off", func(c *ratelimit.Config) { c.Store = ratelimit.StoreOff }, true},
		{"unknown store", func(c *ratelimit.Config) { c.Store = "postgres" }, false},
		{"zero limit", func(c *ratelimit.Config) { c.PerMinute = 0 }, false},
		{"bad redis url", func(c *ratelimit.Config) { c.RedisURL = "http://127.0.0.1:6379" }, false},
		{"bad redis url ignored without redis", func(c *ratelimit.Config) { c.RedisURL = "x"; c.Store = ratelimit.StoreMemory }, true},
		{"empty prefix", func(c *ratelimit.Config) { c.Prefix = "" }, false},
		{"zero timeout", func(c *ratelimit.Config) { c.RedisTimeout = 0 }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := ratelimit.DefaultConfig()
			c.change(&cfg)
			if err := cfg.Validate(); (err == nil) != c.ok {
				t.Fatalf("Validate: %v, want ok=%v", err, c.ok)
			}
		})
	}
	off := ratelimit.DefaultConfig()
	off.Store = ratelimit.StoreOff
	if _, err := ratelimit.New(off, nil, nil); err == nil {
		t.Fatal("New with the limiter off: no error")
	}
}
