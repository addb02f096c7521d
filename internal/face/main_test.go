package face_test

import (
	"testing"

	"go.uber.org/goleak"
)

// Verify runs the card and selfie searches on goroutines: none may outlive the call.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
