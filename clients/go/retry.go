package kyc

import (
	"context"
	"math/rand/v2"
	"time"

	"google.golang.org/grpc/codes"
)

// RetryPolicy says how failed calls are tried again. Only UNAVAILABLE, and RESOURCE_EXHAUSTED that carries a
// retry-after (a rate limit, not "file too large"), are retried; client errors never are.
type RetryPolicy struct {
	MaxAttempts    int           // attempts in all, the first included; 1 disables retries
	InitialBackoff time.Duration // wait before the first retry
	MaxBackoff     time.Duration // cap of the exponential wait
	Multiplier     float64       // growth of the wait per attempt
	MaxRetryAfter  time.Duration // a longer retry-after than this is returned to the caller instead of waited for
}

// DefaultRetryPolicy follows the API guide: waits of about 1 s, 2 s, 4 s, 8 s (with jitter), five attempts.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 5, InitialBackoff: time.Second, MaxBackoff: 30 * time.Second,
		Multiplier: 2, MaxRetryAfter: 2 * time.Minute}
}

// Retryable reports whether err (from this client) may succeed when sent again unchanged.
func Retryable(err error) bool {
	e, ok := err.(*Error)
	if !ok {
		return false
	}
	switch e.Code {
	case codes.Unavailable:
		return true
	case codes.ResourceExhausted:
		return e.RetryAfter > 0
	}
	return false
}

// wait returns how long to wait before attempt+1 after err failed attempt (1-based), and false when the call
// must not be retried: not retryable, attempts used up, or the wait would pass the context's deadline.
func (p RetryPolicy) wait(ctx context.Context, err error, attempt int) (time.Duration, bool) {
	if attempt >= p.MaxAttempts || !Retryable(err) {
		return 0, false
	}
	var d time.Duration
	if ra := err.(*Error).RetryAfter; ra > 0 {
		if p.MaxRetryAfter > 0 && ra > p.MaxRetryAfter {
			return 0, false
		}
		d = ra + time.Duration(rand.Int64N(int64(100*time.Millisecond))) // spread clients waking together
	} else {
		d = p.backoff(attempt)
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return 0, false
	}
	return d, true
}

// backoff is the exponential wait after the given attempt, with "equal jitter": half fixed, half random.
func (p RetryPolicy) backoff(attempt int) time.Duration {
	b := float64(p.InitialBackoff)
	for i := 1; i < attempt; i++ {
		b *= p.Multiplier
	}
	if m := float64(p.MaxBackoff); p.MaxBackoff > 0 && b > m {
		b = m
	}
	half := time.Duration(b / 2)
	if half <= 0 {
		return 0
	}
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

// retry runs attempt until it succeeds, fails for good, or the context ends. attempt returns the call's error
// already converted by toError. mayRetry (optional) vetoes a retry, e.g. for an upload whose bytes are gone.
func (p RetryPolicy) retry(ctx context.Context, attempt func(ctx context.Context) error, mayRetry func() bool) error {
	for n := 1; ; n++ {
		err := attempt(ctx)
		if err == nil {
			return nil
		}
		d, ok := p.wait(ctx, err, n)
		if !ok || (mayRetry != nil && !mayRetry()) {
			return err
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}
