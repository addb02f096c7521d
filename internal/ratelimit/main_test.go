package ratelimit_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a test leaves a goroutine running (a limiter's Redis retry loop, a lease
// renewal), except two that every limiter leaves behind by design: the one expirable.LRU starts per cache
// (golang-lru v2 never stops it: its done channel is never closed, expirable_lru.go), and the cleaner of
// ulule/limiter's memory store, stopped only when the garbage collector finalizes the store (no Close exists).
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("github.com/hashicorp/golang-lru/v2/expirable.NewLRU[...].func1"),
		goleak.IgnoreTopFunction("github.com/ulule/limiter/v3/drivers/store/memory.(*cleaner).Run"))
}
