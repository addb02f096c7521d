package api

import (
	"context"

	"github.com/fullstorydev/grpchan/inprocgrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/peer"
)

// InProcess is the REST gateway's connection to the gRPC services: an in-process channel (grpchan's inprocgrpc)
// that calls the services registered on it through this same chain, passing messages as copies instead of
// encoding them and sending them through HTTP/2 over a socket. A REST call thus runs the very handlers and
// interceptors a gRPC call runs, at about half the cost of a loopback connection.
func (ch Chain) InProcess() *inprocgrpc.Channel {
	return new(inprocgrpc.Channel).
		WithServerUnaryInterceptor(chainUnary(ch.Unary)).
		WithServerStreamInterceptor(chainStream(ch.Stream))
}

// fromGateway reports whether the call came through the in-process channel, i.e. from the REST gateway.
func fromGateway(ctx context.Context) bool {
	p, ok := peer.FromContext(ctx)
	return ok && p.Addr != nil && p.Addr.Network() == "inproc"
}

// chainUnary makes one interceptor of several, the first outermost (as grpc.ChainUnaryInterceptor does for a
// server; the in-process channel takes one).
func chainUnary(is []grpc.UnaryServerInterceptor) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		return is[0](ctx, req, info, unaryStep(is, 0, info, handler))
	}
}

func unaryStep(is []grpc.UnaryServerInterceptor, i int, info *grpc.UnaryServerInfo, final grpc.UnaryHandler) grpc.UnaryHandler {
	if i == len(is)-1 {
		return final
	}
	return func(ctx context.Context, req any) (any, error) {
		return is[i+1](ctx, req, info, unaryStep(is, i+1, info, final))
	}
}

// chainStream is chainUnary for streams.
func chainStream(is []grpc.StreamServerInterceptor) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		return is[0](srv, ss, info, streamStep(is, 0, info, handler))
	}
}

func streamStep(is []grpc.StreamServerInterceptor, i int, info *grpc.StreamServerInfo, final grpc.StreamHandler) grpc.StreamHandler {
	if i == len(is)-1 {
		return final
	}
	return func(srv any, ss grpc.ServerStream) error {
		return is[i+1](srv, ss, info, streamStep(is, i+1, info, final))
	}
}
