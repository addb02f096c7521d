package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"regexp"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
)

// RequestIDKey is the metadata key (and, on REST, the X-Request-Id header) of a call's id.
const RequestIDKey = "x-request-id"

// RequestInfo is what the edge knows about a call, for logs and audit entries.
type RequestInfo struct {
	ID       string
	ClientIP string
}

type requestInfoKey struct{}

// InfoFrom returns the call's request info.
func InfoFrom(ctx context.Context) RequestInfo {
	ri, _ := ctx.Value(requestInfoKey{}).(RequestInfo)
	return ri
}

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// NewRequestID returns a random request id.
func NewRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// requestInfo takes the caller's request id when it is well formed (else makes one), echoes it in the response
// header, and finds the client's address. The connection's address is the peer's or, when the call came from
// the REST gateway through the in-process channel, the last X-Forwarded-For entry, which is the one the gateway
// appended (the address of the HTTP connection); a network client cannot pose as the gateway, whose peer exists
// only inside the process. Entries before it came with the request: they are believed only as far as
// trusted proxies wrote them (clientAddr).
func (a clientAddr) requestInfo(ctx context.Context) context.Context {
	md, _ := metadata.FromIncomingContext(ctx)
	ri := RequestInfo{}
	if v := md.Get(RequestIDKey); len(v) > 0 && validRequestID.MatchString(v[0]) {
		ri.ID = v[0]
	} else {
		ri.ID = NewRequestID()
	}
	var hops []string
	for _, v := range md.Get("x-forwarded-for") {
		for h := range strings.SplitSeq(v, ",") {
			hops = append(hops, strings.TrimSpace(h))
		}
	}
	remote := ""
	if FromGateway(ctx) {
		if len(hops) > 0 {
			remote, hops = hops[len(hops)-1], hops[:len(hops)-1]
		}
	} else if p, ok := peer.FromContext(ctx); ok && p.Addr != nil {
		if host, _, err := net.SplitHostPort(p.Addr.String()); err == nil {
			remote = host
		}
	}
	ri.ClientIP = a.of(remote, hops)
	_ = grpc.SetHeader(ctx, metadata.Pairs(RequestIDKey, ri.ID))
	return context.WithValue(ctx, requestInfoKey{}, ri)
}

// RequestInfoUnary attaches RequestInfo to unary calls; trustedProxies are the reverse proxies whose
// X-Forwarded-For entries are believed.
func RequestInfoUnary(trustedProxies []net.IPNet) grpc.UnaryServerInterceptor {
	a := newClientAddr(trustedProxies)
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
		return next(a.requestInfo(ctx), req)
	}
}

// RequestInfoStream attaches RequestInfo to streaming calls.
func RequestInfoStream(trustedProxies []net.IPNet) grpc.StreamServerInterceptor {
	a := newClientAddr(trustedProxies)
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, next grpc.StreamHandler) error {
		return next(srv, &ctxStream{ServerStream: ss, ctx: a.requestInfo(ss.Context())})
	}
}

type ctxStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *ctxStream) Context() context.Context { return s.ctx }

// LogHandler adds the request id of the context to every record logged with one (log.InfoContext etc.).
func LogHandler(h slog.Handler) slog.Handler { return ctxHandler{h} }

type ctxHandler struct{ slog.Handler }

func (h ctxHandler) Handle(ctx context.Context, r slog.Record) error {
	if ri := InfoFrom(ctx); ri.ID != "" {
		r.AddAttrs(slog.String("request_id", ri.ID))
	}
	return h.Handler.Handle(ctx, r)
}

func (h ctxHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return ctxHandler{h.Handler.WithAttrs(as)}
}
func (h ctxHandler) WithGroup(name string) slog.Handler { return ctxHandler{h.Handler.WithGroup(name)} }
