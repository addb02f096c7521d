package gateway

import (
	"context"
	"net/http"
	"net/textproto"
	"strings"

	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/proto"

	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/api/kycapi"
	"github.com/enxtai/kyc/internal/auth"
)

// incomingHeaders are the HTTP headers passed to the gRPC handlers as metadata.
var incomingHeaders = map[string]string{
	"X-Api-Key":       auth.MetadataKey,
	"Idempotency-Key": kycapi.IdempotencyKeyHeader,
	"X-Request-Id":    api.RequestIDKey,
}

func incomingHeaderMatcher(key string) (string, bool) {
	mdKey, ok := incomingHeaders[textproto.CanonicalMIMEHeaderKey(key)]
	return mdKey, ok
}

// outgoingHeaderMatcher passes the handlers' response metadata that REST clients need (rate limits,
// Retry-After) as plain headers and drops the rest (the request id is set by the HTTP middleware already).
func outgoingHeaderMatcher(key string) (string, bool) {
	k := strings.ToLower(key)
	if k == "retry-after" || strings.HasPrefix(k, "x-ratelimit-") {
		return textproto.CanonicalMIMEHeaderKey(k), true
	}
	return "", false
}

func copyHeaders(w http.ResponseWriter, md metadata.MD) {
	for k, vs := range md {
		if h, ok := outgoingHeaderMatcher(k); ok && len(vs) > 0 {
			w.Header().Set(h, vs[0])
		}
	}
}

// forwardStatus sets the HTTP status a handler asked for through metadata (201 Created for initiate).
func forwardStatus(ctx context.Context, w http.ResponseWriter, _ proto.Message) error {
	md, ok := runtimeServerMetadata(ctx)
	if !ok {
		return nil
	}
	if v := md.Get(kycapi.HTTPCodeHeader); len(v) > 0 {
		switch v[0] {
		case "201":
			w.WriteHeader(http.StatusCreated)
		}
	}
	return nil
}
