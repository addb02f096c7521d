package auth

import (
	"context"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/enxtai/kyc/internal/apperr"
)

// FailureBudget limits failed authentications per client address, so that guessing keys, or a flood of bad
// ones, is refused from memory (429) instead of costing a lookup each. internal/ratelimit implements it,
// counting in Redis so that every replica draws on the same budget.
type FailureBudget interface {
	// Blocked reports whether addr has spent its budget and, if so, how long until it may try again.
	Blocked(addr string) (retryAfter time.Duration, blocked bool)
	// Failed counts one failed authentication of addr.
	Failed(ctx context.Context, addr string)
}

// LimitFailures makes the authenticator refuse callers whose address has spent its failure budget; addrOf
// finds a call's client address in its context (the request info the chain attached before auth).
func (a *Authenticator) LimitFailures(b FailureBudget, addrOf func(context.Context) string) {
	a.failures, a.addrOf = b, addrOf
}

// Throttled is the cause of the 429 a blocked address gets; RetryAfter goes into the Retry-After header.
type Throttled struct{ RetryAfter time.Duration }

func (t *Throttled) Error() string { return "too many failed authentications" }

// RetryAfterSeconds is RetryAfter in whole seconds, at least one.
func (t *Throttled) RetryAfterSeconds() int64 {
	return max(int64((t.RetryAfter+time.Second-1)/time.Second), 1)
}

// AsThrottled finds a Throttled cause in err.
func AsThrottled(err error) (*Throttled, bool) {
	var t *Throttled
	ok := errors.As(err, &t)
	return t, ok
}

// Check authenticates a key presented by the client at addr: a key already verified passes (from the cache, or
// looked up again when the cache was purged since); otherwise an address that has spent its failure budget is
// refused (429) before the key is looked up, and a bad key counts against its address. REST requests with a body are checked here by the gateway before the body is read.
func (a *Authenticator) Check(ctx context.Context, key, addr string) (Principal, error) {
	key = strings.TrimSpace(key)
	if key != "" && a.failures != nil && addr != "" {
		if p, ok := a.cache.Get(cacheKeyOf(key)); ok {
			if p.expired() {
				return Principal{}, ErrExpiredKey
			}
			a.markUsed(p)
			return p, nil
		}
		if wait, blocked := a.failures.Blocked(addr); blocked && !a.known.Contains(cacheKeyOf(key)) {
			t := &Throttled{RetryAfter: wait}
			return Principal{}, apperr.Wrap(apperr.RateLimited, t,
				"Too many requests with an invalid API key. Retry after %d seconds.", t.RetryAfterSeconds())
		}
	}
	p, err := a.Authenticate(ctx, key)
	if errors.Is(err, ErrInvalidKey) && a.failures != nil && addr != "" {
		a.failures.Failed(ctx, addr)
	}
	return p, err
}

func cacheKeyOf(key string) string { return hex.EncodeToString(Hash(key)) }

func (a *Authenticator) markUsed(p Principal) {
	a.mu.Lock()
	a.used[p.KeyID] = struct{}{}
	a.mu.Unlock()
}
