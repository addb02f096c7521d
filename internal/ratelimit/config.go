package ratelimit

import (
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Where requests are counted.
const (
	StoreRedis  = "redis"  // shared by all replicas (the default)
	StoreMemory = "memory" // this process only: one replica
	StoreOff    = "off"    // no limit and no X-RateLimit headers (benchmarks, or a proxy in front limits)
)

// Config is the limiter's configuration.
type Config struct {
	PerMinute    int           // budget of an API key per window unless its client has an override
	Window       time.Duration // the budget's period: a minute (tests shorten it)
	Store        string        // StoreRedis, StoreMemory or StoreOff
	RedisURL     string        // redis://[user:password@]host:port/db
	Prefix       string        // key namespace in Redis: shared by the replicas of one deployment only
	RedisTimeout time.Duration // a Redis call slower than this counts as an outage
	Cooldown     time.Duration // after an outage, how long a process counts alone before it tries Redis again
	SettingsTTL  time.Duration // how long a client's override is cached (a change takes effect within it)
}

// DefaultConfig is the guide's limit counted in the local Redis.
func DefaultConfig() Config {
	return Config{
		PerMinute:    100,
		Window:       time.Minute,
		Store:        StoreRedis,
		RedisURL:     "redis://127.0.0.1:6379/0",
		Prefix:       "kyc:ratelimit",
		RedisTimeout: 250 * time.Millisecond,
		Cooldown:     5 * time.Second,
		SettingsTTL:  10 * time.Second,
	}
}

// Enabled reports whether requests are limited at all.
func (c Config) Enabled() bool { return c.Store != StoreOff }

// Validate reports settings that cannot work, all at once.
func (c Config) Validate() error {
	var errs []error
	switch c.Store {
	case StoreRedis:
		if _, err := redis.ParseURL(c.RedisURL); err != nil {
			errs = append(errs, fmt.Errorf("KYC_REDIS_URL: %w", err))
		}
		if c.Prefix == "" {
			errs = append(errs, errors.New("KYC_RATE_LIMIT_REDIS_PREFIX must not be empty"))
		}
	case StoreMemory, StoreOff:
	default:
		errs = append(errs, fmt.Errorf("KYC_RATE_LIMIT_STORE %q is not redis, memory or off", c.Store))
	}
	if c.PerMinute < 1 {
		errs = append(errs, errors.New("KYC_RATE_LIMIT_PER_MINUTE must be at least 1"))
	}
	if c.Window <= 0 || c.RedisTimeout <= 0 || c.Cooldown <= 0 || c.SettingsTTL < 0 {
		errs = append(errs, errors.New("rate limit window, Redis timeout and cooldown must be positive"))
	}
	return errors.Join(errs...)
}
