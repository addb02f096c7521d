package webhook

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a test leaves a goroutine running (a delivery, an HTTP client's idle
// connection that was not closed).
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
