package ratelimit_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"

	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/ratelimit"
)

// redisAddr is the machine's Redis (make redis starts one where none runs).
func redisAddr() string {
	if a := os.Getenv("KYC_TEST_REDIS_ADDR"); a != "" {
		return a
	}
	return "127.0.0.1:6379"
}

// needRedis fails the test when Redis does not answer: the shared store is what these tests are about.
func needRedis(t *testing.T) *redis.Client {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: redisAddr()})
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatalf("Redis on %s: %v (run `make redis`)", redisAddr(), err)
	}
	return c
}

// testConfig counts in store under a namespace of the test's own.
func testConfig(store string, perWindow int, window time.Duration) ratelimit.Config {
	c := ratelimit.DefaultConfig()
	c.Store, c.PerMinute, c.Window = store, perWindow, window
	c.RedisURL = "redis://" + redisAddr() + "/0"
	var b [6]byte
	_, _ = rand.Read(b[:])
	c.Prefix = "kyc-test:" + hex.EncodeToString(b[:])
	// The tests are about counting, not outages (failover_test sets its own short timeout): a Redis call slowed
	// by a busy machine (go test runs packages side by side) must not count as an outage, which would make a
	// replica count alone.
	c.RedisTimeout = 2 * time.Second
	return c
}

func newLimiter(t *testing.T, cfg ratelimit.Config, settings ratelimit.SettingsReader, log *slog.Logger) *ratelimit.Limiter {
	t.Helper()
	if log == nil {
		log = slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))
	}
	l, err := ratelimit.New(cfg, settings, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

func clientKey() auth.Principal {
	return auth.Principal{KeyID: uuid.New(), Role: auth.RoleClient, ClientID: uuid.New(), Environment: "live"}
}

func take(t *testing.T, l *ratelimit.Limiter, p auth.Principal) ratelimit.Decision {
	t.Helper()
	d, err := l.Take(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// logBuffer collects a logger's output.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *logBuffer) contains(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Contains(l.b.String(), s)
}
func (l *logBuffer) logger() *slog.Logger { return slog.New(slog.NewTextHandler(l, nil)) }

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
