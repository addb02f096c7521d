package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"buf.build/go/protovalidate"
	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/local"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/api/kycapi"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/blob"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/gateway"
	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/store"
)

// App is a built server, listening but not yet serving.
type App struct {
	cfg    config.Config
	log    *slog.Logger
	store  *store.Store
	auth   *auth.Authenticator
	hub    *kyc.Hub
	grpc   *grpc.Server
	health *health.Server
	http   *http.Server
	conn   *grpc.ClientConn // the gateway's in-process connection

	grpcLis, unixLis, httpLis net.Listener
	sockDir                   string
	closers                   []func()
}

// New builds the server from the config: connects and migrates the database, builds the services and opens
// the listeners. If anything fails, whatever was opened is closed again.
func New(ctx context.Context, cfg config.Config, log *slog.Logger) (_ *App, err error) {
	a := &App{cfg: cfg, log: log}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if err = cfg.ValidateServer(); err != nil {
		return nil, err
	}
	if a.store, err = store.Open(ctx, cfg.DatabaseURL, cfg.DatabaseMaxConn); err != nil {
		return nil, err
	}
	a.closers = append(a.closers, a.store.Close)
	if err = a.store.Migrate(ctx, log); err != nil {
		return nil, err
	}
	validator, err := protovalidate.New()
	if err != nil {
		return nil, fmt.Errorf("validator: %w", err)
	}
	a.auth = auth.NewAuthenticator(a.store, cfg.AuthCacheTTL, log)
	a.hub = kyc.NewHub(func(ctx context.Context) (*pgx.Conn, error) {
		return pgx.Connect(ctx, cfg.DatabaseURL)
	}, log)
	vault, err := blob.Open(ctx, cfg.Blob())
	if err != nil {
		return nil, fmt.Errorf("document storage: %w", err)
	}
	kycSvc := kyc.NewService(kyc.Deps{
		Store: a.store, Hub: a.hub, Log: log, IdempotencyTTL: cfg.IdempotencyTTL,
		Uploads: &kyc.Uploads{Vault: vault, Limits: cfg.ImageLimits()},
	})

	registry := prometheus.NewRegistry()
	registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := grpcprom.NewServerMetrics(grpcprom.WithServerHandlingTimeHistogram())
	registry.MustRegister(metrics)

	a.grpc = grpc.NewServer(api.ServerOptions(api.ChainConfig{
		Log: log, Metrics: metrics, Auth: a.auth, Policy: policy, Validator: validator,
	})...)
	kycv1.RegisterKycServiceServer(a.grpc, kycapi.New(kycSvc))
	a.health = health.NewServer()
	healthpb.RegisterHealthServer(a.grpc, a.health)
	reflection.Register(a.grpc)
	metrics.InitializeMetrics(a.grpc)

	if err = a.listen(); err != nil {
		return nil, err
	}
	a.conn, err = grpc.NewClient("unix://"+a.unixLis.Addr().String(),
		grpc.WithTransportCredentials(local.NewCredentials()))
	if err != nil {
		return nil, fmt.Errorf("gateway connection: %w", err)
	}
	handler, err := gateway.Handler(ctx, a.conn, gateway.Config{MaxJSONBody: cfg.MaxJSONBody, MaxUploadFile: cfg.UploadMaxSize},
		http.HandlerFunc(a.healthz), promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	if err != nil {
		return nil, err
	}
	a.http = &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	return a, nil
}

// listen opens the public gRPC and HTTP listeners and the unix socket the gateway dials.
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
	if a.sockDir, err = os.MkdirTemp("", "kyc-server-"); err != nil {
		return err
	}
	a.closers = append(a.closers, func() { os.RemoveAll(a.sockDir) })
	if a.unixLis, err = net.Listen("unix", filepath.Join(a.sockDir, "grpc.sock")); err != nil {
		return fmt.Errorf("listen unix socket: %w", err)
	}
	a.closers = append(a.closers, func() { a.unixLis.Close() })
	return nil
}

// GRPCAddr and HTTPAddr are the bound addresses (useful with port 0).
func (a *App) GRPCAddr() string { return a.grpcLis.Addr().String() }
func (a *App) HTTPAddr() string { return a.httpLis.Addr().String() }

// Store is the app's database, for operator commands and tests.
func (a *App) Store() *store.Store { return a.store }

// Run serves until ctx ends, then shuts down gracefully: health turns NOT_SERVING, HTTP and gRPC stop taking
// new calls and drain in-flight ones (up to the shutdown timeout), then background loops stop.
func (a *App) Run(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	bg, stopBackground := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBackground()
	g.Go(func() error { return serveGRPC(a.grpc, a.grpcLis) })
	g.Go(func() error { return serveGRPC(a.grpc, a.unixLis) })
	g.Go(func() error {
		if err := a.http.Serve(a.httpLis); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	bgDone := make(chan struct{})
	go func() {
		defer close(bgDone)
		var bgg errgroup.Group
		bgg.Go(func() error { return a.hub.Run(bg) })
		bgg.Go(func() error { return a.auth.RecordUsage(bg, 30*time.Second) })
		if err := bgg.Wait(); err != nil {
			a.log.Error("background loop failed", "err", err)
		}
	}()
	a.health.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	a.log.Info("serving", "grpc", a.GRPCAddr(), "http", a.HTTPAddr())

	g.Go(func() error {
		<-gctx.Done()
		a.log.Info("shutting down")
		a.health.Shutdown()
		a.hub.Shutdown()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.cfg.ShutdownTimeout)
		defer cancel()
		_ = a.http.Shutdown(sctx)
		stopped := make(chan struct{})
		go func() { a.grpc.GracefulStop(); close(stopped) }()
		select {
		case <-stopped:
		case <-sctx.Done():
			a.grpc.Stop()
		}
		stopBackground()
		<-bgDone
		return nil
	})
	return g.Wait()
}

func serveGRPC(s *grpc.Server, l net.Listener) error {
	if err := s.Serve(l); err != nil && !errors.Is(err, grpc.ErrServerStopped) {
		return err
	}
	return nil
}

// healthz is ready when the database answers.
func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.store.Ping(ctx); err != nil {
		gateway.WriteError(w, http.StatusServiceUnavailable, "Database unavailable.")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}

// Close releases everything New opened, in reverse order.
func (a *App) Close() {
	if a.conn != nil {
		a.conn.Close()
	}
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}

// ForgetKeys drops the authenticator's cache (operator commands run in-process in tests revoke keys).
func (a *App) ForgetKeys() { a.auth.Forget() }
