package ratelimit

import (
	"context"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/opsmetrics"
)

// Unary limits unary calls. It must run after auth: calls without a Principal (public methods) pass untouched.
func (l *Limiter) Unary() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
		if err := l.admit(ctx, func(md metadata.MD) error { return grpc.SetHeader(ctx, md) }); err != nil {
			return nil, err
		}
		return next(ctx, req)
	}
}

// Stream limits streaming calls: opening a stream (an upload, a watch) is one request.
func (l *Limiter) Stream() grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, next grpc.StreamHandler) error {
		if err := l.admit(ss.Context(), ss.SetHeader); err != nil {
			return err
		}
		return next(srv, ss)
	}
}

// admit takes one request from the caller's budget and puts the budget into the response header metadata,
// on refusals too (a header frame set before an error is still sent, and the gateway copies it).
func (l *Limiter) admit(ctx context.Context, setHeader func(metadata.MD) error) error {
	p, ok := auth.FromContext(ctx)
	if !ok {
		return nil
	}
	d, err := l.Take(ctx, p)
	if err != nil {
		return err // the caller is gone; the error mapping turns this into Canceled/DeadlineExceeded
	}
	now := time.Now()
	if err := setHeader(d.Metadata(now)); err != nil {
		l.log.WarnContext(ctx, "rate limit: response metadata not set", "err", err)
	}
	if !d.Allowed {
		opsmetrics.RateLimited()
		return apperr.New(apperr.RateLimited, "Rate limit exceeded: %d requests per %s per API key. Retry after %d seconds.",
			d.Limit, per(l.window), d.RetryAfter(now))
	}
	return nil
}
