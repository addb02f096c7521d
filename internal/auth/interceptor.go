package auth

import (
	"context"
	"errors"
	"strconv"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/enxtai/kyc/internal/apperr"
)

// MetadataKey is the gRPC metadata key of the API key; the gateway forwards the X-API-Key header under it.
const MetadataKey = "x-api-key"

// Policy says which role may call a full gRPC method name; public methods need no key.
type Policy struct {
	Public  func(fullMethod string) bool
	Allowed func(fullMethod string, role Role) bool
}

// ErrWrongRole is returned when a valid key's role may not call a method.
var ErrWrongRole = apperr.New(apperr.Forbidden, "This API key is not allowed to call this endpoint.")

// UnaryInterceptor authenticates unary calls.
func (a *Authenticator) UnaryInterceptor(pol Policy) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
		ctx, err := a.authorize(ctx, pol, info.FullMethod, func(md metadata.MD) error { return grpc.SetHeader(ctx, md) })
		if err != nil {
			return nil, err
		}
		return next(ctx, req)
	}
}

// StreamInterceptor authenticates streaming calls, and checks the key again while the stream is open
// (streamcheck.go): a revoked key ends it with ErrInvalidKey.
func (a *Authenticator) StreamInterceptor(pol Policy) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, next grpc.StreamHandler) error {
		ctx, err := a.authorize(ss.Context(), pol, info.FullMethod, ss.SetHeader)
		if err != nil {
			return err
		}
		if _, ok := FromContext(ctx); ok {
			var stop func()
			ctx, stop = a.watchKey(ctx, presentedKey(ss.Context()))
			defer stop()
		}
		err = next(srv, &contextStream{ServerStream: ss, ctx: ctx})
		if errors.Is(context.Cause(ctx), ErrInvalidKey) {
			return ErrInvalidKey
		}
		return err
	}
}

// authorize checks the call's key. A caller refused for too many failures gets retry-after metadata (the
// gateway passes it on as the Retry-After header).
func (a *Authenticator) authorize(ctx context.Context, pol Policy, method string, setHeader func(metadata.MD) error) (context.Context, error) {
	if pol.Public != nil && pol.Public(method) {
		return ctx, nil
	}
	key := presentedKey(ctx)
	addr := ""
	if a.addrOf != nil {
		addr = a.addrOf(ctx)
	}
	p, err := a.Check(ctx, key, addr)
	if t, ok := AsThrottled(err); ok {
		_ = setHeader(metadata.Pairs("retry-after", strconv.FormatInt(t.RetryAfterSeconds(), 10)))
	}
	if err != nil {
		return nil, err
	}
	if pol.Allowed != nil && !pol.Allowed(method, p.Role) {
		return nil, ErrWrongRole
	}
	return WithPrincipal(ctx, p), nil
}

type contextStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *contextStream) Context() context.Context { return s.ctx }
