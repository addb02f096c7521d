package app_test

import (
	"testing"

	"github.com/enxtai/kyc/internal/testkit/s3test"
)

// One S3 server for the package's tests; each test server gets its own bucket.
func TestMain(m *testing.M) { s3test.RunMain(m) }
