package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/ulule/limiter/v3"
	redisstore "github.com/ulule/limiter/v3/drivers/store/redis"
)

// failover counts in Redis (shared by the replicas) and, while Redis cannot be reached, in this process. A
// request is never refused because the store is down: the limit degrades to one budget per replica, which is
// logged as an error, and Redis is tried again after a cooldown.
type failover struct {
	client   *batchingClient
	prefix   string
	local    limiter.Store
	log      *slog.Logger
	timeout  time.Duration
	cooldown time.Duration

	shared    atomic.Pointer[leases] // nil until the library's scripts are loaded into Redis
	downUntil atomic.Int64           // unix nanoseconds; Redis is not asked before then
	down      atomic.Bool            // an outage was logged and its end is not yet

	mu      sync.Mutex // connecting, and logging an outage's start and end once
	lastLog time.Time
}

// stillDownLog is how often a lasting outage is logged again.
const stillDownLog = time.Minute

func newFailover(cfg Config, local limiter.Store, log *slog.Logger) (*failover, error) {
	opts, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return nil, fmt.Errorf("rate limit: KYC_REDIS_URL: %w", err)
	}
	opts.DialTimeout, opts.ReadTimeout, opts.WriteTimeout = cfg.RedisTimeout, cfg.RedisTimeout, cfg.RedisTimeout
	opts.MaxRetries = -1 // an outage must cost one timeout, not several: the local count takes over
	f := &failover{client: newBatchingClient(redis.NewClient(opts), cfg.RedisTimeout), prefix: cfg.Prefix, local: local, log: log.With("redis", opts.Addr),
		timeout: cfg.RedisTimeout, cooldown: cfg.Cooldown}
	f.connect() // at start, so an unreachable Redis is reported at once
	return f, nil
}

// Get counts one request of key and returns the window's state.
func (f *failover) Get(ctx context.Context, key string, rate limiter.Rate) (limiter.Context, error) {
	if s := f.sharedStore(); s != nil {
		c, err := s.Get(ctx, key, rate) // bounded by f.timeout where it asks Redis
		if err == nil {
			f.recovered()
			return c, nil
		}
		if ctx.Err() != nil { // the caller went away: not Redis's fault
			return limiter.Context{}, ctx.Err()
		}
		f.failed(err)
	}
	return f.local.Get(ctx, key, rate)
}

// sharedStore is the Redis store (counting in leases), or nil while Redis is considered down.
func (f *failover) sharedStore() *leases {
	if time.Now().UnixNano() < f.downUntil.Load() {
		return nil
	}
	if s := f.shared.Load(); s != nil {
		return s
	}
	return f.connect()
}

// connect loads the library's scripts into Redis (its store is unusable before). Callers waiting on the lock
// find either the store or a fresh outage mark, so an unreachable Redis is asked once per cooldown.
func (f *failover) connect() *leases {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s := f.shared.Load(); s != nil {
		return s
	}
	if time.Now().UnixNano() < f.downUntil.Load() {
		return nil
	}
	s, err := redisstore.NewStoreWithOptions(f.client, limiter.StoreOptions{Prefix: f.prefix})
	if err != nil {
		f.failedLocked(err)
		return nil
	}
	ls := newLeases(s, f.timeout)
	f.shared.Store(ls)
	return ls
}

func (f *failover) failed(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failedLocked(err)
}

// failedLocked marks an outage: Redis is not asked again before the cooldown ends.
func (f *failover) failedLocked(err error) {
	now := time.Now()
	f.downUntil.Store(now.Add(f.cooldown).UnixNano())
	switch {
	case !f.down.Load():
		f.log.Error("rate limit store unreachable: each process now counts requests alone (the limit is per replica) until Redis is back",
			"err", err, "retry_every", f.cooldown)
	case now.Sub(f.lastLog) >= stillDownLog:
		f.log.Error("rate limit store still unreachable: limits are per replica", "err", err)
	default:
		return
	}
	f.down.Store(true)
	f.lastLog = now
}

func (f *failover) recovered() {
	if !f.down.Load() { // the hot path: no lock
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down.CompareAndSwap(true, false) {
		f.log.Warn("rate limit store reachable again: limits are shared by the replicas")
	}
}

// Close closes the Redis connections.
func (f *failover) Close() error {
	if err := f.client.Close(); err != nil && !errors.Is(err, redis.ErrClosed) {
		return err
	}
	return nil
}
