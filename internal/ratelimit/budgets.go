package ratelimit

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"

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
	ttl      time.Duration
	log      *slog.Logger

	mu    sync.Mutex
	cache map[uuid.UUID]cachedBudget
}

type cachedBudget struct {
	perWindow int // 0: no override
	until     time.Time
}

// maxCachedClients bounds the cache; it is emptied when full (a burst of misses, then warm again).
const maxCachedClients = 10_000

func newBudgets(def int, settings SettingsReader, ttl time.Duration, log *slog.Logger) *budgets {
	return &budgets{def: def, settings: settings, ttl: ttl, log: log, cache: map[uuid.UUID]cachedBudget{}}
}

// of is the caller's budget. A failed settings read falls back to the default (not cached).
func (b *budgets) of(ctx context.Context, p auth.Principal) int {
	if p.Role != auth.RoleClient || p.ClientID == uuid.Nil || b.settings == nil {
		return b.def
	}
	now := time.Now()
	b.mu.Lock()
	c, ok := b.cache[p.ClientID]
	b.mu.Unlock()
	if !ok || now.After(c.until) {
		override, err := b.read(ctx, p.ClientID)
		if err != nil {
			b.log.WarnContext(ctx, "rate limit: client settings unreadable, using the default limit", "client", p.ClientID, "err", err)
			return b.def
		}
		c = cachedBudget{perWindow: override, until: now.Add(b.ttl)}
		b.mu.Lock()
		if len(b.cache) >= maxCachedClients {
			clear(b.cache)
		}
		b.cache[p.ClientID] = c
		b.mu.Unlock()
	}
	if c.perWindow > 0 {
		return c.perWindow
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
