package app

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"buf.build/go/protovalidate"
	"github.com/fullstorydev/grpchan"
	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
	"google.golang.org/grpc"
	"google.golang.org/grpc/experimental"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/api/adminapi"
	"github.com/enxtai/kyc/internal/api/keyapi"
	"github.com/enxtai/kyc/internal/api/kycapi"
	"github.com/enxtai/kyc/internal/api/privacyapi"
	"github.com/enxtai/kyc/internal/api/webhookapi"
	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/console"
	"github.com/enxtai/kyc/internal/gateway"
	"github.com/enxtai/kyc/internal/ratelimit"
	"github.com/enxtai/kyc/internal/telemetry"
)

// buildAPI builds the gRPC server with its interceptor chain, the services, and the REST gateway that calls the
// same services through the same chain over an in-process channel, and opens the listeners.
func (a *App) buildAPI(ctx context.Context) error {
	cfg, log := a.cfg, a.log
	validator, err := protovalidate.New()
	if err != nil {
		return fmt.Errorf("validator: %w", err)
	}
	a.auth = auth.NewAuthenticator(a.core.store, cfg.AuthCacheTTL, log)
	a.auth.SetStreamRecheck(cfg.StreamKeyRecheck)
	metrics := grpcprom.NewServerMetrics(grpcprom.WithServerHandlingTimeHistogram())
	a.registry.MustRegister(metrics)

	proxies, err := cfg.TrustedProxyRanges()
	if err != nil {
		return err
	}
	chain := api.ChainConfig{Log: log, Metrics: metrics, Auth: a.auth, Policy: policy, Validator: validator, TrustedProxies: proxies}
	var limiter *ratelimit.Limiter
	if cfg.RateLimit().Enabled() {
		if limiter, err = ratelimit.New(cfg.RateLimit(), a.core.store, log); err != nil {
			return err
		}
		a.closers = append(a.closers, func() { _ = limiter.Close() })
		chain.Limiter = limiter
		a.auth.LimitFailures(limiter.AuthFailures(cfg.AuthFailures), clientIP)
	}
	hearAccessChanges(a.core.hub, a.auth, limiter)
	interceptors := api.NewChain(chain)
	opts := append(interceptors.ServerOptions(), grpc.StatsHandler(otelgrpc.NewServerHandler()),
		experimental.BufferPool(bufferPool),
		grpc.ForceServerCodecV2(newServerCodec(bufferPool)), grpc.NumStreamWorkers(streamWorkers))
	a.grpc = grpc.NewServer(append(opts, grpcEdgeOptions(cfg)...)...)
	inProcess, inProcessServices := interceptors.InProcess()
	services := grpchan.HandlerMap{}
	kycv1.RegisterKycServiceServer(services, kycapi.New(a.core.kyc, cfg.VerifyWait))
	kycv1.RegisterWebhookServiceServer(services, webhookapi.New(a.core.webhooks))
	kycv1.RegisterKeyServiceServer(services, keyapi.New(apikeys.NewService(a.core.store, a.auth.Forget)))
	kycv1.RegisterPrivacyServiceServer(services, privacyapi.New(a.core.kyc))
	kycv1.RegisterAdminServiceServer(services, adminapi.New(a.core.kyc, audit.NewLog(a.core.store)))
	a.health = health.NewServer()
	healthpb.RegisterHealthServer(services, a.health)
	services.ForEach(a.grpc.RegisterService)
	services.ForEach(inProcessServices.RegisterService)
	if cfg.GRPCReflection {
		reflection.Register(a.grpc)
	}
	metrics.InitializeMetrics(a.grpc)

	if err := a.listen(); err != nil {
		return err
	}
	handler, err := gateway.Handler(ctx, inProcess, gateway.Config{MaxJSONBody: cfg.MaxJSONBody, MaxUploadFile: cfg.UploadMaxSize,
		CheckKey: a.checkKey, TrustedProxies: proxies, BodyGrace: cfg.BodyGrace, MinBodyRate: cfg.MinBodyRate,
		PublicDocs: cfg.PublicDocs, Log: log}, http.HandlerFunc(a.healthz), nil)
	if err != nil {
		return err
	}
	reviewers, err := console.New(console.Config{SecureCookie: cfg.ConsoleSecureCookie, IdleTimeout: cfg.ConsoleIdleTimeout,
		SignInLimit: cfg.ConsoleSignInLimit, ClientAddr: api.HTTPClientIP(proxies), Bands: consoleBands(cfg)},
		a.core.kyc, a.core.store, a.auth, log)
	if err != nil {
		return err
	}
	handler = withConsole(reviewers.Handler(), handler)
	a.http = newHTTPServer(telemetry.HTTPHandler(handler), log)
	return nil
}

// streamWorkers run the gRPC calls on goroutines that are kept, with the stacks they have grown, instead of a
// new goroutine per call: a unary call through the whole interceptor chain outgrows a fresh goroutine's stack,
// and growing it was 8% of the server's CPU under load. When every worker is busy (long streams), gRPC starts
// a goroutine for the call as before.
const streamWorkers = 64

// listen opens the public gRPC and HTTP listeners.
func (a *App) listen() error {
	var err error
	if a.grpcLis, err = net.Listen("tcp", a.cfg.GRPCAddr); err != nil {
		return fmt.Errorf("listen gRPC %s: %w", a.cfg.GRPCAddr, err)
	}
	a.closers = append(a.closers, func() { a.grpcLis.Close() })
	if a.httpLis, err = net.Listen("tcp", a.cfg.HTTPAddr); err != nil {
		return fmt.Errorf("listen HTTP %s: %w", a.cfg.HTTPAddr, err)
	}
	a.closers = append(a.closers, func() { a.httpLis.Close() })
	return nil
}

// GRPCAddr is the bound gRPC address (useful with port 0).
func (a *App) GRPCAddr() string { return a.grpcLis.Addr().String() }

// HTTPAddr is the bound REST address (useful with port 0).
func (a *App) HTTPAddr() string { return a.httpLis.Addr().String() }

// healthz is ready when the database answers.
func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.core.store.Ping(ctx); err != nil {
		gateway.WriteError(w, http.StatusServiceUnavailable, "Database unavailable.")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

// withConsole serves the reviewers' console under /console and everything else as before.
func withConsole(consoleHandler, rest http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/console", consoleHandler)
	mux.Handle("/console/", consoleHandler)
	mux.Handle("/", rest)
	return mux
}

// consoleBands are the default face bands the pipeline decides with, for the console to read scores against.
func consoleBands(cfg config.Config) console.Bands {
	b := cfg.Face().Bands
	return console.Bands{AutoApprove: b.AutoApprove, Review: b.Review, MinLiveness: b.MinLiveness}
}
