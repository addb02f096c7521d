package app

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// Run serves until ctx ends, then shuts down gracefully: health turns NOT_SERVING, watches end, HTTP and gRPC
// stop taking new calls and drain in-flight ones (up to the shutdown timeout), the job runner stops fetching
// and lets running jobs finish, then background loops stop.
func (a *App) Run(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	bg, stopBackground := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBackground()
	var bgg errgroup.Group
	bgg.Go(func() error { return a.core.hub.Run(bg) })
	if a.runner != nil {
		g.Go(func() error { return a.runner.Run(gctx, a.cfg.ShutdownTimeout) })
	}
	if a.cfg.DebugAddr != "" {
		bgg.Go(func() error { return serveDebug(bg, a.cfg.DebugAddr) })
	}
	if a.role == RoleServe {
		bgg.Go(func() error { return a.auth.RecordUsage(bg, 30*time.Second) })
		g.Go(func() error { return serveGRPC(a.grpc, a.grpcLis) })
		g.Go(func() error {
			if err := a.http.Serve(a.httpLis); !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		})
		a.health.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
		a.log.Info("serving", "grpc", a.GRPCAddr(), "http", a.HTTPAddr(), "metrics", a.MetricsAddr(), "workers", a.runner != nil)
		g.Go(func() error {
			<-gctx.Done()
			a.shutdownAPI(ctx)
			return nil
		})
	} else {
		a.log.Info("working jobs", "metrics", a.MetricsAddr())
		g.Go(func() error {
			<-gctx.Done()
			a.shutdownMetrics(ctx)
			return nil
		})
	}
	g.Go(a.serveMetrics)
	err := g.Wait()
	stopBackground()
	if berr := bgg.Wait(); berr != nil {
		a.log.Error("background loop failed", "err", berr)
	}
	return err
}

func (a *App) shutdownAPI(ctx context.Context) {
	a.log.Info("shutting down")
	a.health.Shutdown()
	a.core.hub.Shutdown()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.cfg.ShutdownTimeout)
	defer cancel()
	_ = a.http.Shutdown(sctx)
	a.shutdownMetrics(sctx)
	stopped := make(chan struct{})
	go func() { a.grpc.GracefulStop(); close(stopped) }()
	select {
	case <-stopped:
	case <-sctx.Done():
		a.grpc.Stop()
	}
	a.core.kyc.Drain()
}

func serveGRPC(s *grpc.Server, l net.Listener) error {
	if err := s.Serve(l); err != nil && !errors.Is(err, grpc.ErrServerStopped) {
		return err
	}
	return nil
}

// serveDebug serves pprof on a private address until ctx ends.
func serveDebug(ctx context.Context, addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); _ = srv.Close() }()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// shutdownMetrics stops the private listener (metrics and probes).
func (a *App) shutdownMetrics(ctx context.Context) {
	if a.metrics == nil {
		return
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.cfg.ShutdownTimeout)
	defer cancel()
	_ = a.metrics.Shutdown(sctx)
}
