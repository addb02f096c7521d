package api

import (
	"context"
	"log/slog"
	"net"
	"runtime/debug"

	"buf.build/go/protovalidate"
	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/logging"
	pvmw "github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/protovalidate"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/enxtai/kyc/internal/auth"
)

// Limiter is the rate limiter's view from the chain (nil: no limit).
type Limiter interface {
	Unary() grpc.UnaryServerInterceptor
	Stream() grpc.StreamServerInterceptor
}

// ChainConfig is what the interceptor chain is made of.
type ChainConfig struct {
	Log       *slog.Logger
	Metrics   *grpcprom.ServerMetrics
	Auth      *auth.Authenticator
	Policy    auth.Policy
	Limiter   Limiter
	Validator protovalidate.Validator
	// TrustedProxies are reverse proxies in front of the server: their X-Forwarded-For entries name the client
	// in the audit log (nil: the connection's address).
	TrustedProxies []net.IPNet
}

// Chain is the interceptor chain, in this order: recovery (a panic becomes Internal), request id, logging,
// metrics, error mapping, auth, rate limit, validation. Error mapping sits inside logging and metrics so they
// see the final codes, and outside auth, rate limit and validation so their errors are mapped too.
type Chain struct {
	Unary  []grpc.UnaryServerInterceptor
	Stream []grpc.StreamServerInterceptor
}

// NewChain builds the chain of c.
func NewChain(c ChainConfig) Chain {
	rec := recovery.WithRecoveryHandlerContext(func(ctx context.Context, p any) error {
		c.Log.ErrorContext(ctx, "panic in handler", "panic", p, "stack", string(debug.Stack()))
		return status.Error(codes.Internal, "Internal server error.")
	})
	// One line per call when it ends; successful calls at debug level (a status-polling client would otherwise
	// fill the logs and cost a write per request), failures at info and above.
	logOpts := []logging.Option{
		logging.WithLogOnEvents(logging.FinishCall),
		logging.WithLevels(func(code codes.Code) logging.Level {
			if code == codes.OK {
				return logging.LevelDebug
			}
			return logging.DefaultServerCodeToLevel(code)
		}),
	}
	logger := logging.LoggerFunc(func(ctx context.Context, lvl logging.Level, msg string, fields ...any) {
		c.Log.Log(ctx, slog.Level(lvl), msg, fields...)
	})
	unary := []grpc.UnaryServerInterceptor{
		recovery.UnaryServerInterceptor(rec),
		RequestInfoUnary(c.TrustedProxies),
		logging.UnaryServerInterceptor(logger, logOpts...),
		c.Metrics.UnaryServerInterceptor(),
		ErrorUnary(c.Log),
		c.Auth.UnaryInterceptor(c.Policy),
	}
	stream := []grpc.StreamServerInterceptor{
		recovery.StreamServerInterceptor(rec),
		RequestInfoStream(c.TrustedProxies),
		logging.StreamServerInterceptor(logger, logOpts...),
		c.Metrics.StreamServerInterceptor(),
		ErrorStream(c.Log),
		c.Auth.StreamInterceptor(c.Policy),
	}
	if c.Limiter != nil {
		unary = append(unary, c.Limiter.Unary())
		stream = append(stream, c.Limiter.Stream())
	}
	unary = append(unary, pvmw.UnaryServerInterceptor(c.Validator))
	stream = append(stream, pvmw.StreamServerInterceptor(c.Validator))
	return Chain{Unary: unary, Stream: stream}
}

// ServerOptions installs the chain on a gRPC server.
func (ch Chain) ServerOptions() []grpc.ServerOption {
	return []grpc.ServerOption{grpc.ChainUnaryInterceptor(ch.Unary...), grpc.ChainStreamInterceptor(ch.Stream...)}
}
