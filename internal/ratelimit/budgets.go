package ratelimit

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/golang-lru/v2/expirable"

	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/store"
)

// SettingsReader reads a client's overrides; *store.Store satisfies it.
type SettingsReader interface {
	GetClientSettings(ctx context.Context, clientID uuid.UUID) (store.ClientSettings, error)
}

// budgets says how many requests per window a caller may send: its client's override
// (clients.settings.rateLimitPerMinute), else the default. Admin keys have the default. Overrides are cached
// for a short TTL, so the database is asked once per client and TTL, and a change reaches every replica
// within the TTL.
type budgets struct {
	def      int
	settings SettingsReader // nil: no overrides
	log      *slog.Logger
	cache    *expirable.LRU[uuid.UUID, int] // client -> override per window, 0: none; nil: TTL 0, no caching
}

// maxCachedClients bounds the cache; the least recently used client is dropped beyond it.
const maxCachedClients = 10_000

func newBudgets(def int, settings SettingsReader, ttl time.Duration, log *slog.Logger) *budgets {
	b := &budgets{def: def, settings: settings, log: log}
	if ttl > 0 { // expirable reads a TTL of 0 as "never expire"; here it means "always ask"
		b.cache = expirable.NewLRU[uuid.UUID, int](maxCachedClients, nil, ttl)
	}
	return b
}

// of is the caller's budget. A failed settings read falls back to the default (not cached).
func (b *budgets) of(ctx context.Context, p auth.Principal) int {
	if p.Role != auth.RoleClient || p.ClientID == uuid.Nil || b.settings == nil {
		return b.def
	}
	var override int
	var ok bool
	if b.cache != nil {
		override, ok = b.cache.Get(p.ClientID)
	}
	if !ok {
		var err error
		if override, err = b.read(ctx, p.ClientID); err != nil {
			b.log.WarnContext(ctx, "rate limit: client settings unreadable, using the default limit", "client", p.ClientID, "err", err)
			return b.def
		}
		if b.cache != nil {
			b.cache.Add(p.ClientID, override)
		}
	}
	if override > 0 {
		return override
	}
	return b.def
}

func (b *budgets) read(ctx context.Context, clientID uuid.UUID) (int, error) {
	s, err := b.settings.GetClientSettings(ctx, clientID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return 0, nil
	case err != nil:
		return 0, err
	case s.RateLimitPerMinute != nil && *s.RateLimitPerMinute > 0:
		return *s.RateLimitPerMinute, nil
	}
	return 0, nil
}
