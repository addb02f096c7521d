package kyc_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	kyc "github.com/enxtai/kyc/clients/go"
)

// A 429 (RESOURCE_EXHAUSTED with retry-after) is a typed error without retries, and is waited out with them.
func TestRateLimitRetryAfter(t *testing.T) {
	e := liveEnv(t)
	key := e.newKey(t)
	if code, h, _ := e.rest(t, key, http.MethodGet, "/v1/kyc/status/"+uuid4(), nil); h.Get("X-RateLimit-Limit") == "" {
		t.Skipf("no X-RateLimit-Limit header (HTTP %d): rate limits (issue 7) are not in this server yet", code)
	}
	c := e.client(t, kyc.WithAPIKey(key))
	ctx := context.Background()
	var limited *kyc.Error
	for i := 0; i < 1000 && limited == nil; i++ {
		_, err := c.GetStatus(ctx, uuid4(), kyc.WithMaxAttempts(1))
		switch {
		case errors.Is(err, kyc.ErrRateLimited):
			errors.As(err, &limited)
		case !errors.Is(err, kyc.ErrNotFound):
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if limited == nil {
		t.Fatal("1000 requests in a row were never limited")
	}
	if limited.RetryAfter <= 0 || limited.HTTPStatus() != 429 || !kyc.Retryable(limited) {
		t.Fatalf("limited: %+v, want a retry-after", limited)
	}
	start := time.Now()
	_, err := c.GetStatus(ctx, uuid4(), kyc.WithTimeout(limited.RetryAfter+time.Minute))
	if !errors.Is(err, kyc.ErrNotFound) {
		t.Fatalf("after waiting: %v, want the call to pass the limiter (NOT_FOUND)", err)
	}
	if waited := time.Since(start); waited < limited.RetryAfter-1500*time.Millisecond {
		t.Fatalf("passed after %v; the server asked for %v", waited, limited.RetryAfter)
	}
}
