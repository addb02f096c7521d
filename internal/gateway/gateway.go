package gateway

import (
	"context"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
)

// Config is what the REST side needs.
type Config struct {
	MaxJSONBody   int64 // bytes; larger JSON bodies get 413
	MaxUploadFile int64 // bytes; the upload use-case enforces it, the bridge bounds what it buffers by it
}

// newAPIMux registers the REST API of every service on a gateway mux that calls the gRPC server over conn.
func newAPIMux(ctx context.Context, conn *grpc.ClientConn, cfg Config) (*runtime.ServeMux, error) {
	mux := runtime.NewServeMux(
		runtime.WithMarshalerOption(runtime.MIMEWildcard, newJSONMarshaler()),
		runtime.WithErrorHandler(errorHandler),
		runtime.WithRoutingErrorHandler(routingErrorHandler),
		runtime.WithIncomingHeaderMatcher(incomingHeaderMatcher),
		runtime.WithOutgoingHeaderMatcher(outgoingHeaderMatcher),
		runtime.WithForwardResponseOption(forwardStatus),
		runtime.WithDisablePathLengthFallback(),
	)
	if err := kycv1.RegisterKycServiceHandler(ctx, mux, conn); err != nil {
		return nil, err
	}
	if err := kycv1.RegisterWebhookServiceHandler(ctx, mux, conn); err != nil {
		return nil, err
	}
	for _, register := range []func(context.Context, *runtime.ServeMux, *grpc.ClientConn) error{
		kycv1.RegisterAdminServiceHandler, kycv1.RegisterKeyServiceHandler, kycv1.RegisterPrivacyServiceHandler,
	} {
		if err := register(ctx, mux, conn); err != nil {
			return nil, err
		}
	}
	if err := registerDocuments(mux, conn); err != nil {
		return nil, err
	}
	if err := mux.HandlePath("GET", "/api/v1/health", healthHandler(conn)); err != nil {
		return nil, err
	}
	if err := registerUploads(mux, conn, cfg.MaxUploadFile); err != nil {
		return nil, err
	}
	return mux, nil
}

func runtimeServerMetadata(ctx context.Context) (metadata.MD, bool) {
	md, ok := runtime.ServerMetadataFromContext(ctx)
	return md.HeaderMD, ok
}

// Handler is the whole HTTP side: /api (REST, documents), /healthz, /metrics; anything else is a 404 in the
// guide's format.
func Handler(ctx context.Context, conn *grpc.ClientConn, cfg Config, health http.Handler, metrics http.Handler) (http.Handler, error) {
	apiMux, err := newAPIMux(ctx, conn, cfg)
	if err != nil {
		return nil, err
	}
	docs, err := docsHandler()
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/openapi.json", docs)
	mux.Handle("/api/docs", docs)
	mux.Handle("/api/docs/", docs)
	mux.Handle("/api/", rejectEmptySegments(limitJSONBody(cfg.MaxJSONBody, apiMux)))
	mux.Handle("GET /healthz", health)
	mux.Handle("GET /metrics", metrics)
	mux.HandleFunc("/", notFound)
	return recoverPanics(requestID(mux)), nil
}
