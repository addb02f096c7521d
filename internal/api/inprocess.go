package api

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/fullstorydev/grpchan"
	"github.com/fullstorydev/grpchan/inprocgrpc"
	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/peer"
)

// InProcess is the REST gateway's connection to the gRPC services: an in-process channel (grpchan's inprocgrpc)
// that passes messages as copies instead of encoding them and sending them through HTTP/2 over a socket.
// Services registered on the returned registrar are served on the channel through this same chain, so a REST
// call runs the very handlers and interceptors a gRPC call runs, at about half the cost of a loopback
// connection. OpenTelemetry's stats handlers on both ends of the channel give a REST call the same gRPC spans
// as a gRPC call (the channel hands the server a context without the caller's values, so the trace crosses it
// in the metadata, as it would over the network).
func (ch Chain) InProcess() (grpc.ClientConnInterface, grpc.ServiceRegistrar) {
	c := new(inprocgrpc.Channel).WithClientStatsHandler(otelgrpc.NewClientHandler()).
		WithServerStatsHandler(otelgrpc.NewServerHandler())
	stream := append([]grpc.StreamServerInterceptor{signalCallEnd}, ch.Stream...)
	return inProcessConn{c}, grpchan.WithStreamInterceptors(grpchan.WithUnaryInterceptors(c, ch.Unary...), stream...)
}

// WithCallEnd returns a context for an in-process streaming call and a function that waits, up to limit, until
// the server side of that call has returned, interceptors included. The REST bridge cancels an upload it refuses
// itself (a second file, a malformed form) and must not answer before the use-case has cleaned up after it.
// Call wait only once a call was made with ctx.
func WithCallEnd(ctx context.Context) (context.Context, func(limit time.Duration)) {
	done := make(chan struct{})
	return context.WithValue(ctx, callEndKey{}, done), func(limit time.Duration) {
		t := time.NewTimer(limit)
		defer t.Stop()
		select {
		case <-done:
		case <-t.C:
		}
	}
}

type callEndKey struct{}

// signalCallEnd is the outermost interceptor of in-process streams: it tells a WithCallEnd caller that the call
// has ended. (The server side sees the client's context through inprocgrpc.ClientContext.)
func signalCallEnd(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, h grpc.StreamHandler) error {
	if cc := inprocgrpc.ClientContext(ss.Context()); cc != nil {
		if done, ok := cc.Value(callEndKey{}).(chan struct{}); ok {
			defer close(done)
		}
	}
	return h(srv, ss)
}

// inProcessConn gives the channel's server-streaming calls grpc-go's contract for sending the one request: when
// the server has already ended the call (an interceptor refused it without reading the request), inprocgrpc's
// SendMsg sometimes returns io.EOF, which generated client code passes on as the call's error, where grpc-go
// returns nil and leaves the status to RecvMsg. Without this a refused download answered 500 "EOF" at random
// instead of 403.
type inProcessConn struct{ *inprocgrpc.Channel }

func (c inProcessConn) NewStream(ctx context.Context, desc *grpc.StreamDesc, method string, opts ...grpc.CallOption) (grpc.ClientStream, error) {
	cs, err := c.Channel.NewStream(ctx, desc, method, opts...)
	if err != nil || desc.ClientStreams {
		return cs, err
	}
	return oneRequestStream{cs}, nil
}

type oneRequestStream struct{ grpc.ClientStream }

func (s oneRequestStream) SendMsg(m any) error {
	if err := s.ClientStream.SendMsg(m); !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// FromGateway reports whether the call came through the in-process channel, i.e. from the REST gateway.
func FromGateway(ctx context.Context) bool {
	p, ok := peer.FromContext(ctx)
	return ok && p.Addr != nil && p.Addr.Network() == "inproc"
}
