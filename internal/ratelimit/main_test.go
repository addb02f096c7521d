package ratelimit_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a test leaves a goroutine running (a limiter's Redis retry loop, a lease
// renewal), except the one expirable.LRU starts per cache: golang-lru v2 never stops it (its done channel is
// never closed, expirable_lru.go), so every limiter a test builds leaves one behind by design.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("github.com/hashicorp/golang-lru/v2/expirable.NewLRU[...].func1"))
}
