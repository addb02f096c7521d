package ratelimit

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/ulule/limiter/v3"

	"github.com/enxtai/kyc/internal/auth"
)

// AuthFailures is the budget of failed authentications per client address (auth.FailureBudget): perWindow
// bad keys per window, counted where the request budgets are (in Redis, shared by the replicas; in the process
// while Redis is down). Only failures are counted, so valid callers never pay a Redis call for it. Once an
// address has spent its budget on any replica, that replica refuses it from memory until the window ends;
// another replica learns it at the address's next failure there, whose count comes back over the budget.
type AuthFailures struct {
	counter counter
	rate    limiter.Rate
	log     *slog.Logger

	mu      sync.Mutex
	blocked map[string]time.Time // address -> end of its window
}

var _ auth.FailureBudget = (*AuthFailures)(nil)

// maxBlocked bounds the blocked addresses kept in memory; expired ones are dropped when it is reached.
const maxBlocked = 100_000

// AuthFailures returns the failure budget counted by this limiter's store.
func (l *Limiter) AuthFailures(perWindow int) *AuthFailures {
	return &AuthFailures{counter: l.counter, rate: limiter.Rate{Period: l.window, Limit: int64(perWindow)},
		log: l.log, blocked: map[string]time.Time{}}
}

// Blocked reports whether addr has spent its budget and how long until its window ends.
func (f *AuthFailures) Blocked(addr string) (time.Duration, bool) {
	now := time.Now()
	f.mu.Lock()
	defer f.mu.Unlock()
	until, ok := f.blocked[addr]
	if !ok {
		return 0, false
	}
	if !now.Before(until) {
		delete(f.blocked, addr)
		return 0, false
	}
	return until.Sub(now), true
}

// Failed counts one failed authentication of addr; when that spends its budget, addr is blocked here.
func (f *AuthFailures) Failed(ctx context.Context, addr string) {
	c, err := f.counter.Get(ctx, "authfail:"+addr, f.rate)
	if err != nil || !c.Reached {
		return // only a gone caller fails here (the store fails over); nothing to count for it
	}
	until := time.Unix(c.Reset+1, 0) // as decisionOf: never before the window has restarted
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.blocked) >= maxBlocked {
		now := time.Now()
		for a, u := range f.blocked {
			if !now.Before(u) {
				delete(f.blocked, a)
			}
		}
		if len(f.blocked) >= maxBlocked {
			clear(f.blocked)
		}
	}
	if _, was := f.blocked[addr]; !was {
		f.log.WarnContext(ctx, "too many failed authentications: address refused until its window ends", "addr", addr, "until", until)
	}
	f.blocked[addr] = until
}
