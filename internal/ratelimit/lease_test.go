package ratelimit_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/ratelimit"
)

// sharedCount is what Redis holds for a key: the requests counted (claimed) by all replicas in its window.
func sharedCount(t *testing.T, cfg ratelimit.Config, keyID string) int64 {
	t.Helper()
	v, err := needRedis(t).Get(context.Background(), cfg.Prefix+":"+keyID).Result()
	if err != nil {
		t.Fatalf("counter of %s: %v", keyID, err)
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	return n
}

// With a large budget, replicas claim requests in leases: Redis is asked about once per thousand requests,
// the count in Redis covers what was admitted, and X-RateLimit-Remaining stays within the leases held.
func TestLeasesSpareRedisRoundTrips(t *testing.T) {
	needRedis(t)
	const limit, requests = 1_000_000, 5000
	cfg := testConfig(ratelimit.StoreRedis, limit, time.Minute)
	replicas := []*ratelimit.Limiter{newLimiter(t, cfg, nil, nil), newLimiter(t, cfg, nil, nil)}
	p := clientKey()
	for i := 1; i <= requests; i++ {
		d := take(t, replicas[i%2], p)
		if !d.Allowed {
			t.Fatalf("request %d refused: %+v", i, d)
		}
		if d.Remaining > int64(limit-i+1000) || d.Remaining < int64(limit-i-2*1000) {
			t.Fatalf("request %d: %d remaining, want within the two replicas' leases of %d", i, d.Remaining, limit-i)
		}
	}
	// Each replica claims about a thousand at a time (a thousandth of what is left): 2500 requests each take
	// three claims. Counted one by one, Redis would hold exactly 5000.
	if got := sharedCount(t, cfg, p.KeyID.String()); got <= requests || got > requests+2*1000 {
		t.Fatalf("Redis counted %d, want leases: more than %d, at most %d", got, requests, requests+2*1000)
	}
}

// Near the end of a budget the claims shrink to single requests: two replicas never admit more than the
// limit, and give up at most their last small leases.
func TestLeasesHoldTheLimit(t *testing.T) {
	needRedis(t)
	const limit = 4000
	cfg := testConfig(ratelimit.StoreRedis, limit, time.Minute)
	replicas := []*ratelimit.Limiter{newLimiter(t, cfg, nil, nil), newLimiter(t, cfg, nil, nil)}
	p := clientKey()
	allowed := 0
	for i := 0; i < limit+500; i++ {
		if take(t, replicas[i%2], p).Allowed {
			allowed++
		}
	}
	if allowed > limit || allowed < limit-2*(limit/1000) {
		t.Fatalf("%d of %d requests allowed with a limit of %d", allowed, limit+500, limit)
	}
}

// Once a key's window is spent, further requests are refused from memory until the window resets: Redis
// counts the first refusal only.
func TestSpentWindowIsRefusedLocally(t *testing.T) {
	needRedis(t)
	const limit = 5
	cfg := testConfig(ratelimit.StoreRedis, limit, 2*time.Second)
	l := newLimiter(t, cfg, nil, nil)
	p := clientKey()
	for i := 0; i < limit; i++ {
		take(t, l, p)
	}
	for i := 0; i < 10; i++ {
		if d := take(t, l, p); d.Allowed || d.Remaining != 0 {
			t.Fatalf("request %d after the budget: %+v", limit+i+1, d)
		}
	}
	if got := sharedCount(t, cfg, p.KeyID.String()); got != limit+1 {
		t.Fatalf("Redis counted %d, want %d", got, limit+1)
	}
}
