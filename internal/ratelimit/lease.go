package ratelimit

import (
	"context"
	"sync"
	"time"

	"github.com/ulule/limiter/v3"
)

// leases spares Redis a round trip per request when a key's budget is large. A replica claims
// several requests of a key's window in one increment (a lease) and admits them from memory; the claim is a
// thousandth of what the window has left (at most maxLease), so a budget under 2000 requests, the guide's 100
// among them, is counted request by request as before and stays exact across replicas. Above that, what a
// replica has claimed and not used when the window ends is lost to the other replicas: at most a thousandth
// of the budget per replica, refused early, never admitted beyond the limit. X-RateLimit-Remaining is then the
// answering replica's view as of its last claim: it misses what the other replicas admitted since (a few
// thousandths of the budget).
//
// A key whose window is spent is refused from memory until the window's reset, the time clients are told
// to come back at: a client that keeps calling after a 429 costs no round trip either.
type leases struct {
	shared  limiter.Store // the library's Redis store
	timeout time.Duration // of one Redis call
	mu      sync.Mutex
	keys    map[string]*lease
	sweep   time.Time // when leases of ended windows are next dropped
}

type lease struct {
	mu    sync.Mutex
	limit int64
	state limiter.Context // the window after the last claim (Remaining counts the unused lease as used)
	left  int64           // claimed requests not yet admitted
	until time.Time       // the claim is good until then (the window's end as the store reported it)
}

const (
	leaseShare = 1000 // a claim is at most this fraction of the remaining budget...
	maxLease   = 1000 // ...and at most this many requests
)

func newLeases(shared limiter.Store, timeout time.Duration) *leases {
	return &leases{shared: shared, timeout: timeout, keys: map[string]*lease{}}
}

// increment asks Redis, within the timeout (a context timer per request would cost more than the rest of the
// limiter, so only calls that reach Redis get one).
func (l *leases) increment(ctx context.Context, key string, n int64, rate limiter.Rate) (limiter.Context, error) {
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	return l.shared.Increment(ctx, key, n, rate)
}

// Get counts one request of key.
func (l *leases) Get(ctx context.Context, key string, rate limiter.Rate) (limiter.Context, error) {
	now := time.Now()
	ls := l.lease(key, now)
	ls.mu.Lock()
	defer ls.mu.Unlock()
	current := ls.limit == rate.Limit && now.Before(ls.until) // the last claim is of this window and limit
	if current {
		if ls.state.Reached {
			return ls.state, nil
		}
		if ls.left > 0 {
			ls.left--
			c := ls.state
			c.Remaining += ls.left
			return c, nil
		}
	}
	n := rate.Limit / leaseShare // a window this replica has not seen: as if it were whole
	if current {
		n = ls.state.Remaining / leaseShare
	}
	n = max(1, min(n, maxLease))
	if n == 1 {
		// Counted request by request: no need to hold other requests of the key during the round trip.
		ls.mu.Unlock()
		c, err := l.increment(ctx, key, 1, rate)
		ls.mu.Lock()
		if err == nil {
			ls.remember(c, rate, 0)
		}
		return c, err
	}
	c, err := l.increment(ctx, key, n, rate)
	if err != nil {
		return c, err
	}
	// A claim that overshot the limit may have held a few requests still in the budget; the count does not
	// say how many, so they are given up (the claim was at most a thousandth of what seemed left).
	ls.remember(c, rate, n-1)
	if c.Reached {
		return c, nil
	}
	c.Remaining += ls.left
	return c, nil
}

// remember keeps the window's state after a claim of left+1 requests (this one and left for later).
func (ls *lease) remember(c limiter.Context, rate limiter.Rate, left int64) {
	ls.limit, ls.state, ls.until = rate.Limit, c, time.Unix(c.Reset, 0)
	ls.left = 0
	if !c.Reached {
		ls.left = left
	}
}

// lease finds the key's lease, and now and then drops those of windows that have ended.
func (l *leases) lease(key string, now time.Time) *lease {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.After(l.sweep) {
		for k, ls := range l.keys {
			if ls.mu.TryLock() {
				if now.After(ls.until) {
					delete(l.keys, k)
				}
				ls.mu.Unlock()
			}
		}
		l.sweep = now.Add(time.Minute)
	}
	ls, ok := l.keys[key]
	if !ok {
		ls = &lease{}
		l.keys[key] = ls
	}
	return ls
}
