package ratelimit_test

import (
	"context"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/ratelimit"
)

// BenchmarkTake is the limiter's own cost per request (one key per goroutine, the budget out of the way): an
// atomic script in Redis over loopback, or a map update in memory. `make bench-ratelimit` runs it.
func BenchmarkTake(b *testing.B) {
	for _, store := range []string{ratelimit.StoreMemory, ratelimit.StoreRedis} {
		b.Run(store, func(b *testing.B) {
			cfg := testConfig(store, 1_000_000_000, time.Minute)
			l, err := ratelimit.New(cfg, nil, discardLogger())
			if err != nil {
				b.Fatal(err)
			}
			defer l.Close()
			b.RunParallel(func(pb *testing.PB) {
				p := clientKey()
				for pb.Next() {
					if d, err := l.Take(context.Background(), p); err != nil || !d.Allowed {
						b.Fatalf("take: %+v %v", d, err)
					}
				}
			})
		})
	}
}
