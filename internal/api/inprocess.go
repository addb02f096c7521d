package api

import (
	"context"

	"github.com/fullstorydev/grpchan"
	"github.com/fullstorydev/grpchan/inprocgrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/peer"
)

// InProcess is the REST gateway's connection to the gRPC services: an in-process channel (grpchan's inprocgrpc)
// that passes messages as copies instead of encoding them and sending them through HTTP/2 over a socket.
// Services registered on the returned registrar are served on the channel through this same chain, so a REST
// call runs the very handlers and interceptors a gRPC call runs, at about half the cost of a loopback
// connection.
func (ch Chain) InProcess() (*inprocgrpc.Channel, grpc.ServiceRegistrar) {
	c := new(inprocgrpc.Channel)
	return c, grpchan.WithStreamInterceptors(grpchan.WithUnaryInterceptors(c, ch.Unary...), ch.Stream...)
}

// fromGateway reports whether the call came through the in-process channel, i.e. from the REST gateway.
func fromGateway(ctx context.Context) bool {
	p, ok := peer.FromContext(ctx)
	return ok && p.Addr != nil && p.Addr.Network() == "inproc"
}
