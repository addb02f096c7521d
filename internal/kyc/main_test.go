package kyc

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a test leaves a goroutine running (the hub's listener, a verify wait), except
// the one expirable.LRU starts per cache (the session cache): golang-lru v2 never stops it (its done channel is
// never closed, expirable_lru.go).
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("github.com/hashicorp/golang-lru/v2/expirable.NewLRU[...].func1"))
}
