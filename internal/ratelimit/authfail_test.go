package ratelimit_test

import (
	"context"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/ratelimit"
)

// TestAuthFailuresSharedByReplicas: an address that spends its failure budget is blocked until the window
// ends, whichever replicas saw its failures (the count is in Redis), and other addresses are not.
func TestAuthFailuresSharedByReplicas(t *testing.T) {
	needRedis(t)
	ctx := context.Background()
	const budget, window = 4, 3 * time.Second
	cfg := testConfig(ratelimit.StoreRedis, 100, window)
	a := newLimiter(t, cfg, nil, nil).AuthFailures(budget)
	b := newLimiter(t, cfg, nil, nil).AuthFailures(budget) // a second replica, same Redis and prefix
	const addr, other = "203.0.113.7", "198.51.100.9"
	for i := 0; i < budget; i++ {
		r := a
		if i%2 == 1 {
			r = b
		}
		if _, blocked := r.Blocked(addr); blocked {
			t.Fatalf("blocked after %d failures, budget %d", i, budget)
		}
		r.Failed(ctx, addr)
	}
	if _, blocked := b.Blocked(addr); blocked {
		t.Fatal("blocked within the budget")
	}
	b.Failed(ctx, addr) // one over the budget, counted with the other replica's
	wait, blocked := b.Blocked(addr)
	if !blocked || wait <= 0 || wait > window+time.Second {
		t.Fatalf("after %d failures on two replicas: blocked=%v for %v, want blocked up to %v", budget+1, blocked, wait, window)
	}
	a.Failed(ctx, addr) // the first replica learns it at the address's next failure there
	if _, blocked := a.Blocked(addr); !blocked {
		t.Fatal("the other replica does not block the address after its next failure")
	}
	if _, blocked := b.Blocked(other); blocked {
		t.Fatal("another address is blocked")
	}
	time.Sleep(wait + 10*time.Millisecond)
	if _, blocked := b.Blocked(addr); blocked {
		t.Fatal("still blocked after the window ended")
	}
}
