package kyc

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

func TestToErrorAndSentinels(t *testing.T) {
	tooLarge, _ := status.New(codes.ResourceExhausted, "File too large.").
		WithDetails(&errdetails.ErrorInfo{Reason: ReasonPayloadTooLarge, Domain: "kyc.enxtai.com"})
	for _, c := range []struct {
		name      string
		err       error
		md        metadata.MD
		is        error
		isNot     error
		http      int
		retryable bool
		after     time.Duration
	}{
		{"not found", status.Error(codes.NotFound, "no such session"), nil, ErrNotFound, ErrInvalidArgument, 404, false, 0},
		{"unauthenticated", status.Error(codes.Unauthenticated, "bad key"), nil, ErrUnauthenticated, ErrNotFound, 401, false, 0},
		{"rate limited", status.Error(codes.ResourceExhausted, "slow down"), metadata.Pairs("retry-after", "3"), ErrRateLimited, ErrPayloadTooLarge, 429, true, 3 * time.Second},
		{"rate limited without retry-after", status.Error(codes.ResourceExhausted, "slow down"), nil, ErrRateLimited, ErrPayloadTooLarge, 429, false, 0},
		{"too large", tooLarge.Err(), nil, ErrPayloadTooLarge, ErrRateLimited, 413, false, 0},
		{"unavailable", status.Error(codes.Unavailable, "down"), nil, ErrUnavailable, ErrNotFound, 503, true, 0},
		{"wrapped", fmt.Errorf("ctx: %w", status.Error(codes.PermissionDenied, "other client")), nil, ErrPermissionDenied, ErrNotFound, 403, false, 0},
		{"deadline", context.DeadlineExceeded, nil, ErrDeadlineExceeded, ErrUnavailable, 504, false, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := toError(c.err, c.md)
			var ke *Error
			if !errors.As(err, &ke) {
				t.Fatalf("not *Error: %T", err)
			}
			if !errors.Is(err, c.is) || errors.Is(err, c.isNot) {
				t.Errorf("Is(%v)=%v Is(%v)=%v", c.is, errors.Is(err, c.is), c.isNot, errors.Is(err, c.isNot))
			}
			if ke.HTTPStatus() != c.http || Retryable(err) != c.retryable || ke.RetryAfter != c.after {
				t.Errorf("http %d retryable %v after %v; want %d %v %v", ke.HTTPStatus(), Retryable(err), ke.RetryAfter, c.http, c.retryable, c.after)
			}
			if status.Code(err) != ke.Code {
				t.Errorf("status.Code = %v, want %v", status.Code(err), ke.Code)
			}
		})
	}
}

func TestRetryPolicyWait(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 4, InitialBackoff: 100 * time.Millisecond, MaxBackoff: 300 * time.Millisecond,
		Multiplier: 2, MaxRetryAfter: 10 * time.Second}
	unavailable := toError(status.Error(codes.Unavailable, "x"))
	limited := toError(status.Error(codes.ResourceExhausted, "x"), metadata.Pairs("retry-after", "2"))
	limitedLong := toError(status.Error(codes.ResourceExhausted, "x"), metadata.Pairs("retry-after", "60"))
	invalid := toError(status.Error(codes.InvalidArgument, "x"))
	bg := context.Background()
	short, cancel := context.WithTimeout(bg, time.Second)
	defer cancel()
	for _, c := range []struct {
		name     string
		ctx      context.Context
		err      error
		attempt  int
		ok       bool
		min, max time.Duration
	}{
		{"first backoff", bg, unavailable, 1, true, 50 * time.Millisecond, 100 * time.Millisecond},
		{"second backoff doubles", bg, unavailable, 2, true, 100 * time.Millisecond, 200 * time.Millisecond},
		{"capped", bg, unavailable, 3, true, 150 * time.Millisecond, 300 * time.Millisecond},
		{"attempts used up", bg, unavailable, 4, false, 0, 0},
		{"retry-after honoured", bg, limited, 1, true, 2 * time.Second, 2100 * time.Millisecond},
		{"retry-after above the cap", bg, limitedLong, 1, false, 0, 0},
		{"retry-after past the deadline", short, limited, 1, false, 0, 0},
		{"client error", bg, invalid, 1, false, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			for range 20 { // jitter: every draw within bounds
				d, ok := p.wait(c.ctx, c.err, c.attempt)
				if ok != c.ok || d < c.min || d > c.max {
					t.Fatalf("wait = %v, %v; want %v in [%v, %v]", d, ok, c.ok, c.min, c.max)
				}
			}
		})
	}
}

func TestParseAddress(t *testing.T) {
	for _, c := range []struct {
		in, target string
		tls, err   bool
	}{
		{"127.0.0.1:9090", "127.0.0.1:9090", false, false},
		{"localhost:9090", "localhost:9090", false, false},
		{"[::1]:9090", "[::1]:9090", false, false},
		{"api.enxtai.com:443", "api.enxtai.com:443", true, false},
		{"https://api.enxtai.com", "api.enxtai.com:443", true, false},
		{"http://10.0.0.5:9090", "10.0.0.5:9090", false, false},
		{"no-port", "", false, true},
		{"", "", false, true},
	} {
		target, tls, err := parseAddress(c.in)
		if (err != nil) != c.err || target != c.target || tls != c.tls {
			t.Errorf("parseAddress(%q) = %q, %v, %v", c.in, target, tls, err)
		}
	}
}
