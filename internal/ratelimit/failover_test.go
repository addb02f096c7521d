package ratelimit_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/ratelimit"
	"github.com/enxtai/kyc/internal/testkit/netproxy"
)

// Redis goes away and comes back: requests are never refused for it, the process counts alone meanwhile (the
// limit still holds per process), the outage and the recovery are logged, and counting goes back to Redis.
func TestRedisOutageFailsOverToTheProcess(t *testing.T) {
	rdb := needRedis(t)
	proxy := netproxy.New(t, redisAddr())
	cfg := testConfig(ratelimit.StoreRedis, 5, time.Minute)
	cfg.RedisURL, cfg.Cooldown = "redis://"+proxy.Addr+"/0", 300*time.Millisecond
	var logs logBuffer
	l := newLimiter(t, cfg, nil, logs.logger())
	p := clientKey()
	redisCount := func() int {
		n, err := rdb.Get(context.Background(), cfg.Prefix+":"+p.KeyID.String()).Int()
		if err != nil {
			t.Fatalf("counter in Redis: %v", err)
		}
		return n
	}

	for i := 0; i < 2; i++ {
		take(t, l, p)
	}
	if n := redisCount(); n != 2 {
		t.Fatalf("Redis counts %d, want 2", n)
	}

	proxy.Down()
	for i := 1; i <= 5; i++ { // a fresh local window: the whole budget again, on this process only
		if d := take(t, l, p); !d.Allowed || d.Remaining != int64(5-i) {
			t.Fatalf("request %d during the outage: %+v, want allowed with %d remaining", i, d, 5-i)
		}
	}
	if d := take(t, l, p); d.Allowed {
		t.Fatalf("sixth request during the outage: %+v, want refused by the local count", d)
	}
	if !logs.contains("rate limit store unreachable") {
		t.Fatalf("the outage was not logged:\n%s", logs.b.String())
	}

	proxy.Up(t)
	time.Sleep(cfg.Cooldown + 100*time.Millisecond)
	if d := take(t, l, p); !d.Allowed || d.Remaining != 2 {
		t.Fatalf("after recovery: %+v, want Redis's count (3 of 5 used)", d)
	}
	if n := redisCount(); n != 3 {
		t.Fatalf("Redis counts %d after recovery, want 3", n)
	}
	if !logs.contains("reachable again") {
		t.Fatalf("the recovery was not logged:\n%s", logs.b.String())
	}
}

// A Redis that is down when the server starts, or that accepts connections and never answers, costs at most
// one timeout per cooldown: the server starts and limits per process.
func TestRedisUnreachableOrSilent(t *testing.T) {
	cases := []struct {
		name string
		addr func(t *testing.T) string
	}{
		{"nothing listens", closedPort},
		{"accepts and never answers", silentServer},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := testConfig(ratelimit.StoreRedis, 3, time.Minute)
			cfg.RedisURL, cfg.RedisTimeout, cfg.Cooldown = "redis://"+c.addr(t)+"/0", 100*time.Millisecond, time.Minute
			var logs logBuffer
			start := time.Now()
			l := newLimiter(t, cfg, nil, logs.logger())
			p := clientKey()
			allowed := 0
			for i := 0; i < 5; i++ {
				if take(t, l, p).Allowed {
					allowed++
				}
			}
			if took := time.Since(start); took > 2*time.Second {
				t.Fatalf("start and 5 requests took %v with Redis unreachable", took)
			}
			if allowed != 3 {
				t.Fatalf("%d of 5 allowed, want 3 (counted in the process)", allowed)
			}
			if !logs.contains("rate limit store unreachable") {
				t.Fatalf("no outage logged:\n%s", logs.b.String())
			}
		})
	}
}

func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// silentServer accepts connections and reads without ever answering (a hung Redis).
func silentServer(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				for {
					if _, err := c.Read(buf); err != nil {
						return
					}
				}
			}()
		}
	}()
	return ln.Addr().String()
}

// A Redis restart forgets the library's scripts (NOSCRIPT): they are loaded again and the count goes on in Redis.
func TestRedisForgetsScripts(t *testing.T) {
	rdb := needRedis(t)
	var logs logBuffer
	l := newLimiter(t, testConfig(ratelimit.StoreRedis, 5, time.Minute), nil, logs.logger())
	p := clientKey()
	take(t, l, p)
	if err := rdb.ScriptFlush(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	if d := take(t, l, p); !d.Allowed || d.Remaining != 3 {
		t.Fatalf("after SCRIPT FLUSH: %+v, want the second request of the Redis window", d)
	}
	if logs.contains("unreachable") {
		t.Fatalf("a reload was taken for an outage:\n%s", logs.b.String())
	}
}
