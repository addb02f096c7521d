package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ulule/limiter/v3"
	memorystore "github.com/ulule/limiter/v3/drivers/store/memory"

	"github.com/enxtai/kyc/internal/auth"
)

// counter counts one request of a key in its current window (ulule/limiter's fixed window: the window starts
// with a key's first request and lasts Config.Window; every request counts, refused ones too).
type counter interface {
	Get(ctx context.Context, key string, rate limiter.Rate) (limiter.Context, error)
}

// Limiter decides whether an authenticated caller may make one more request.
type Limiter struct {
	window  time.Duration
	counter counter
	budgets *budgets
	shared  *failover // nil with StoreMemory
	log     *slog.Logger
}

// New builds the limiter of cfg (which must be enabled). settings may be nil (no per-client overrides).
// With StoreRedis an unreachable Redis is logged and counted around, not an error.
func New(cfg Config, settings SettingsReader, log *slog.Logger) (*Limiter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if !cfg.Enabled() {
		return nil, errors.New("rate limit: the limiter is off (KYC_RATE_LIMIT_STORE=off)")
	}
	log = log.With("component", "ratelimit")
	local := memorystore.NewStoreWithOptions(limiter.StoreOptions{Prefix: cfg.Prefix, CleanUpInterval: cfg.Window})
	l := &Limiter{window: cfg.Window, counter: local, budgets: newBudgets(cfg.PerMinute, settings, cfg.SettingsTTL, log), log: log}
	if cfg.Store == StoreRedis {
		f, err := newFailover(cfg, local, log)
		if err != nil {
			return nil, err
		}
		l.shared, l.counter = f, f
	}
	return l, nil
}

// Take counts one request of the caller and returns the verdict. It fails only when ctx is done.
func (l *Limiter) Take(ctx context.Context, p auth.Principal) (Decision, error) {
	rate := limiter.Rate{Period: l.window, Limit: int64(l.budgets.of(ctx, p))}
	c, err := l.counter.Get(ctx, p.KeyID.String(), rate)
	if err != nil {
		return Decision{}, fmt.Errorf("rate limit: %w", err)
	}
	return decisionOf(c), nil
}

// Close releases the Redis connections.
func (l *Limiter) Close() error {
	if l == nil || l.shared == nil {
		return nil
	}
	return l.shared.Close()
}
