package app_test

import (
	"fmt"
	"os"
	"testing"

	"go.uber.org/goleak"

	"github.com/enxtai/kyc/internal/testkit/s3test"
)

// One S3 server for the package's tests; each test server gets its own bucket. After a passing run, goleak fails
// the package when a server left a goroutine behind (closing an App must stop everything it started).
func TestMain(m *testing.M) { s3test.RunMain(leakChecked{m}) }

type leakChecked struct{ m *testing.M }

func (l leakChecked) Run() int {
	code := l.m.Run()
	if code != 0 {
		return code
	}
	if err := goleak.Find(leakIgnores...); err != nil {
		fmt.Fprintf(os.Stderr, "goleak: %v\n", err)
		return 1
	}
	return 0
}

// leakIgnores are goroutines that outlive an App by design.
var leakIgnores = []goleak.Option{
	// golang-lru v2's expirable.LRU (key, session and rate-limit caches) never stops its cleanup goroutine (its done
	// channel is never closed, expirable_lru.go).
	goleak.IgnoreTopFunction("github.com/hashicorp/golang-lru/v2/expirable.NewLRU[...].func1"),
	// ulule/limiter's memory store (the local rate-limit counter) stops its cleaner only when the garbage
	// collector finalizes the store (drivers/store/memory/cache.go): there is no Close to call.
	goleak.IgnoreTopFunction("github.com/ulule/limiter/v3/drivers/store/memory.(*cleaner).Run"),
	// The package's shared S3 server (s3test.RunMain) runs until after this check.
	goleak.IgnoreAnyFunction("github.com/enxtai/kyc/internal/testkit/s3test.launch.func1"),
}
