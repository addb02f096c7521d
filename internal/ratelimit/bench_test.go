package ratelimit_test

import (
	"context"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/enxtai/kyc/internal/ratelimit"
)

// BenchmarkTake is the limiter's own cost per request (one key per goroutine, the budget out of the way): an
// atomic script in Redis over loopback, or a map update in memory. Besides time it reports CPU per request,
// of this process and of Redis, which, unlike time, hardly depends on what else the machine is doing.
// `make bench-ratelimit` runs it.
func BenchmarkTake(b *testing.B) {
	for _, store := range []string{ratelimit.StoreMemory, ratelimit.StoreRedis} {
		b.Run(store, func(b *testing.B) {
			cfg := testConfig(store, 1_000_000_000, time.Minute)
			l, err := ratelimit.New(cfg, nil, discardLogger())
			if err != nil {
				b.Fatal(err)
			}
			defer l.Close()
			rdb := redis.NewClient(&redis.Options{Addr: redisAddr()})
			defer rdb.Close()
			proc0, redis0 := processCPU(), redisCPU(rdb)
			b.SetParallelism(16) // 32 requests in flight, as the load tests send
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				p := clientKey()
				for pb.Next() {
					if d, err := l.Take(context.Background(), p); err != nil || !d.Allowed {
						b.Fatalf("take: %+v %v", d, err)
					}
				}
			})
			b.StopTimer()
			n := float64(b.N)
			b.ReportMetric(float64((processCPU()-proc0).Microseconds())/n, "cpu-µs/op")
			if store == ratelimit.StoreRedis {
				b.ReportMetric(float64((redisCPU(rdb)-redis0).Microseconds())/n, "redis-cpu-µs/op")
			}
		})
	}
}

// processCPU is the CPU time (user + system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// redisCPU is the CPU time the Redis server has used (INFO cpu).
func redisCPU(rdb *redis.Client) time.Duration {
	info, err := rdb.Info(context.Background(), "cpu").Result()
	if err != nil {
		return 0
	}
	var total float64
	for _, line := range strings.Split(info, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if ok && (k == "used_cpu_sys" || k == "used_cpu_user") {
			f, _ := strconv.ParseFloat(v, 64)
			total += f
		}
	}
	return time.Duration(total * float64(time.Second))
}
