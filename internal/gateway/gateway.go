package gateway

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
)

// Config is what the REST side needs.
type Config struct {
	MaxJSONBody   int64 // bytes; larger JSON bodies get 413
	MaxUploadFile int64 // bytes; the upload use-case enforces it, the bridge bounds what it buffers by it

	CheckKey       KeyCheck      // checks a request's key before its body is read (nil: the gRPC chain only)
	TrustedProxies []net.IPNet   // whose X-Forwarded-For entries name the client (failed keys count per client)
	BodyGrace      time.Duration // a body may take this long plus its size at MinBodyRate (0: no deadline)
	MinBodyRate    int64         // bytes per second a body must average after BodyGrace
	PublicDocs     bool          // serve /api/openapi.json and the Swagger UI at /api/docs
	Log            *slog.Logger  // for failures of the key check (nil: slog.Default)
}

// healthPath is the public REST health check.
const healthPath = "/api/v1/health"

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
	if err := mux.HandlePath("GET", healthPath, healthHandler(conn)); err != nil {
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

// Handler is the whole public HTTP side: /api (REST, documents unless cfg.PublicDocs is off), /healthz, and
// /metrics when metrics is not nil (it is served on its own private listener by default); anything else is a
// 404 in the guide's format.
func Handler(ctx context.Context, conn grpc.ClientConnInterface, cfg Config, health http.Handler, metrics http.Handler) (http.Handler, error) {
	apiMux, err := newAPIMux(ctx, conn, cfg)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	if cfg.PublicDocs {
		docs, err := docsHandler()
		if err != nil {
			return nil, err
		}
		mux.Handle("/api/openapi.json", docs)
		mux.Handle("/api/docs", docs)
		mux.Handle("/api/docs/", docs)
	}
	mux.Handle("/api/", rejectEmptySegments(newBodyGuard(cfg, apiMux)))
	mux.Handle("GET /healthz", health)
	if metrics != nil {
		mux.Handle("GET /metrics", metrics)
	}
	mux.HandleFunc("/", notFound)
	return recoverPanics(requestID(mux)), nil
}
