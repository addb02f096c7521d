package api

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

// A server-streaming call that an interceptor refuses before reading the request must end with the refusal,
// not with io.EOF from sending the request (which the gateway turned into 500 "EOF"). The client here sends
// only after the server has ended the call, where inprocgrpc picks EOF about every other time.
func TestInProcessRefusedStreamKeepsItsStatus(t *testing.T) {
	refused := make(chan struct{}, 1)
	refuse := func(any, grpc.ServerStream, *grpc.StreamServerInfo, grpc.StreamHandler) error {
		refused <- struct{}{}
		return status.Error(codes.PermissionDenied, "not allowed")
	}
	conn, reg := Chain{Stream: []grpc.StreamServerInterceptor{refuse}}.InProcess()
	healthpb.RegisterHealthServer(reg, health.NewServer())
	desc := &grpc.StreamDesc{ServerStreams: true}
	for i := range 30 {
		cs, err := conn.NewStream(context.Background(), desc, healthpb.Health_Watch_FullMethodName)
		if err != nil {
			t.Fatal(err)
		}
		<-refused
		time.Sleep(time.Millisecond) // let the server goroutine finish the call
		if err := cs.SendMsg(&healthpb.HealthCheckRequest{}); err != nil {
			t.Fatalf("call %d: SendMsg: %v, want nil (the status comes from RecvMsg)", i, err)
		}
		if err := cs.RecvMsg(new(healthpb.HealthCheckResponse)); status.Code(err) != codes.PermissionDenied {
			t.Fatalf("call %d: RecvMsg: %v, want PermissionDenied", i, err)
		}
	}
}

// WithCallEnd's wait returns only once the server side of a cancelled call has finished its work.
func TestInProcessWaitForCallEnd(t *testing.T) {
	var finished atomic.Bool
	slowCleanup := func(_ any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, _ grpc.StreamHandler) error {
		<-ss.Context().Done()
		time.Sleep(50 * time.Millisecond) // cleaning up after the aborted call
		finished.Store(true)
		return ss.Context().Err()
	}
	conn, reg := Chain{Stream: []grpc.StreamServerInterceptor{slowCleanup}}.InProcess()
	healthpb.RegisterHealthServer(reg, health.NewServer())
	ctx, cancel := context.WithCancel(context.Background())
	ctx, wait := WithCallEnd(ctx)
	if _, err := healthpb.NewHealthClient(conn).Watch(ctx, &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatal(err)
	}
	cancel()
	wait(5 * time.Second)
	if !finished.Load() {
		t.Fatal("wait returned before the server side had finished")
	}
}
