package auth

import (
	"context"
	"encoding/hex"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/store"
)

// Errors shown to callers without a valid key.
var (
	ErrMissingKey = apperr.New(apperr.Unauthenticated, "Missing API key. Pass it in the X-API-Key header.")
	ErrInvalidKey = apperr.New(apperr.Unauthenticated, "Invalid API key.")
	ErrExpiredKey = apperr.New(apperr.Unauthenticated, "This API key has expired.")
)

// Authenticator turns a presented key into a Principal. Verified keys are cached for a short TTL so the hot
// path does not ask the database on every call; a revocation purges the cache of every replica as soon as it
// is heard (LISTEN/NOTIFY), and the TTL bounds staleness only if a notification is missed.
type Authenticator struct {
	keys  *store.Store
	cache *expirable.LRU[string, Principal]
	bad   negativeCache // unknown and revoked keys
	// known holds the hashes of keys that were valid when last looked up. Unlike cache it survives Forget (a
	// revocation heard, a reconnect of the listener): an address that spent its failure budget may still have
	// a key it used before looked up again, instead of being refused for the rest of the minute.
	known *expirable.LRU[string, struct{}]
	log   *slog.Logger

	failures FailureBudget                // nil: failed authentications are not limited
	addrOf   func(context.Context) string // the caller's address, for failures
	recheck  time.Duration                // how often an open stream's key is checked again (streamcheck.go)

	mu   sync.Mutex
	used map[uuid.UUID]struct{} // keys used since the last flush of last_used_at
}

// NewAuthenticator builds an Authenticator over the store.
func NewAuthenticator(s *store.Store, ttl time.Duration, log *slog.Logger) *Authenticator {
	return &Authenticator{
		keys:  s,
		cache: expirable.NewLRU[string, Principal](10_000, nil, ttl),
		known: expirable.NewLRU[string, struct{}](10_000, nil, time.Hour),
		bad:   newNegativeCache(),
		log:   log,
		used:  map[uuid.UUID]struct{}{},
	}
}

// Authenticate checks a presented key.
func (a *Authenticator) Authenticate(ctx context.Context, key string) (Principal, error) {
	if key == "" {
		return Principal{}, ErrMissingKey
	}
	hash := Hash(key)
	cacheKey := hex.EncodeToString(hash)
	p, ok := a.cache.Get(cacheKey)
	if !ok {
		if a.bad.has(cacheKey) {
			return Principal{}, ErrInvalidKey
		}
		k, err := a.keys.KeyByHash(ctx, hash)
		switch {
		case errors.Is(err, store.ErrNotFound):
			a.bad.add(cacheKey)
			return Principal{}, ErrInvalidKey
		case err != nil:
			return Principal{}, apperr.Wrap(apperr.Unavailable, err, "Authentication is temporarily unavailable.")
		case k.RevokedAt != nil:
			a.bad.add(cacheKey)
			return Principal{}, ErrInvalidKey
		}
		p = principalOf(k)
		a.cache.Add(cacheKey, p)
		a.known.Add(cacheKey, struct{}{})
	}
	if p.expired() {
		return Principal{}, ErrExpiredKey
	}
	a.markUsed(p)
	return p, nil
}

// expired: a key past its expiry is refused even while it is cached.
func (p Principal) expired() bool { return p.ExpiresAt != nil && !time.Now().Before(*p.ExpiresAt) }

// Forget drops cached keys, so a revocation takes effect at once here: called by this process when it revokes,
// and on every replica when the revocation is heard over PostgreSQL notifications (store.AccessChangedChannel).
func (a *Authenticator) Forget() { a.cache.Purge() }

func principalOf(k store.APIKey) Principal {
	p := Principal{KeyID: k.ID, Environment: k.Environment, ClientID: k.ClientID, AdminID: k.AdminID, Role: RoleClient,
		ExpiresAt: k.ExpiresAt}
	if k.AdminID != uuid.Nil {
		p.Role = RoleAdmin
	}
	return p
}

// RecordUsage writes last_used_at of the keys used since the previous call, every interval until ctx ends:
// one UPDATE per interval instead of one per request.
func (a *Authenticator) RecordUsage(ctx context.Context, interval time.Duration) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			a.flushUsage(context.WithoutCancel(ctx))
			return nil
		case <-t.C:
			a.flushUsage(ctx)
		}
	}
}

func (a *Authenticator) flushUsage(ctx context.Context) {
	a.mu.Lock()
	ids := make([]uuid.UUID, 0, len(a.used))
	for id := range a.used {
		ids = append(ids, id)
	}
	a.used = map[uuid.UUID]struct{}{}
	a.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	if err := a.keys.TouchKeys(ctx, ids, time.Now().UTC().Truncate(time.Second)); err != nil {
		a.log.Warn("recording API key usage failed", "err", err)
	}
}
