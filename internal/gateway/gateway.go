package gateway

import (
	"context"
	"errors"
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

// newAPIMux registers the REST API of every service on a gateway mux that calls the services over conn.
func newAPIMux(ctx context.Context, conn grpc.ClientConnInterface, cfg Config) (*runtime.ServeMux, error) {
	mux := runtime.NewServeMux(
		runtime.WithMarshalerOption(runtime.MIMEWildcard, newJSONMarshaler()),
		runtime.WithErrorHandler(errorHandler),
		runtime.WithRoutingErrorHandler(routingErrorHandler),
		runtime.WithIncomingHeaderMatcher(incomingHeaderMatcher),
		runtime.WithOutgoingHeaderMatcher(outgoingHeaderMatcher),
		runtime.WithForwardResponseOption(forwardStatus),
		runtime.WithDisablePathLengthFallback(),
	)
	registrations := []error{
		kycv1.RegisterKycServiceHandlerClient(ctx, mux, kycv1.NewKycServiceClient(conn)),
		kycv1.RegisterWebhookServiceHandlerClient(ctx, mux, kycv1.NewWebhookServiceClient(conn)),
		kycv1.RegisterAdminServiceHandlerClient(ctx, mux, kycv1.NewAdminServiceClient(conn)),
		kycv1.RegisterKeyServiceHandlerClient(ctx, mux, kycv1.NewKeyServiceClient(conn)),
		kycv1.RegisterPrivacyServiceHandlerClient(ctx, mux, kycv1.NewPrivacyServiceClient(conn)),
	}
	if err := errors.Join(registrations...); err != nil {
		return nil, err
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
func Handler(ctx context.Context, conn grpc.ClientConnInterface, cfg Config, health http.Handler, metrics http.Handler) (http.Handler, error) {
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
