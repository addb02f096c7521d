package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"

	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/opsmetrics"
	"github.com/enxtai/kyc/internal/store"
)

// maxGRPCMessage bounds one gRPC request message, which the server reads whole before any interceptor (auth
// included) runs: upload chunks are at most 64 KiB and every other request is small JSON-sized data, so
// gRPC's default of 4 MiB would only let an unauthenticated caller make the server read more.
const maxGRPCMessage = 256 << 10

// maxHeaderBytes bounds the headers of one request (HTTP) or call (gRPC metadata), read before the key is
// known; gRPC's default is 16 MiB, HTTP's 1 MiB.
const maxHeaderBytes = 64 << 10

// grpcEdgeOptions bound what a gRPC client can hold before and without authenticating: concurrent streams per
// connection, message and header sizes, idle connections; keepalive pings are answered only at a sane rate
// (a client pinging more often than every 20 s is disconnected), and dead peers are found by the server's own
// pings.
func grpcEdgeOptions(cfg config.Config) []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.MaxConcurrentStreams(cfg.GRPCMaxStreams),
		grpc.MaxRecvMsgSize(maxGRPCMessage),
		grpc.MaxHeaderListSize(maxHeaderBytes),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 20 * time.Second, PermitWithoutStream: true}),
		grpc.KeepaliveParams(keepalive.ServerParameters{
			MaxConnectionIdle: 5 * time.Minute,  // a connection without calls is closed (GOAWAY)
			Time:              time.Minute,      // ping a quiet connection (long watches included)
			Timeout:           20 * time.Second, // and close it when the ping is not answered
		}),
	}
}

// newHTTPServer is the public HTTP server: headers must arrive within 10 s and are bounded; bodies are timed
// per request by the gateway (a deadline that grows with the bytes received, so large slow uploads pass and
// trickling ones do not); idle keep-alive connections are closed after two minutes.
func newHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: maxHeaderBytes, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
}

// clientIP is the caller's address as the chain found it (RequestInfo runs before auth).
func clientIP(ctx context.Context) string { return api.InfoFrom(ctx).ClientIP }

// checkKey is the gateway's key check before a body is read: the same authenticator (and failure budget) as
// the chain's.
func (a *App) checkKey(ctx context.Context, key, ip string) error {
	_, err := a.auth.Check(ctx, key, ip)
	return err
}

// listenMetrics opens the private listener (KYC_METRICS_ADDR) and builds its server: /metrics, and the probes
// an orchestrator asks a worker, which has no API port (readiness /healthz: the database answers; liveness
// /api/v1/health: the process serves).
func (a *App) listenMetrics() error {
	if a.cfg.MetricsAddr == "" {
		return nil
	}
	l, err := net.Listen("tcp", a.cfg.MetricsAddr)
	if err != nil {
		return fmt.Errorf("listen metrics %s: %w", a.cfg.MetricsAddr, err)
	}
	a.closers = append(a.closers, func() { l.Close() })
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(a.registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", a.healthz)
	mux.HandleFunc("GET /api/v1/health", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
	a.metricsLis, a.metrics = l, &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	return nil
}

// serveMetrics serves /metrics until the server is shut down.
func (a *App) serveMetrics() error {
	if a.metrics == nil {
		return nil
	}
	if err := a.metrics.Serve(a.metricsLis); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// MetricsAddr is the bound address of the metrics listener ("" when metrics are off).
func (a *App) MetricsAddr() string {
	if a.metricsLis == nil {
		return ""
	}
	return a.metricsLis.Addr().String()
}

// newRegistry is the process's Prometheus registry: the Go runtime, the process, and the operators' metrics
// (opsmetrics: steps, decisions, queues, deliveries, errors), whatever the role.
func newRegistry(s *store.Store) (*prometheus.Registry, error) {
	registry := prometheus.NewRegistry()
	registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if err := opsmetrics.Register(registry, s.Pool()); err != nil {
		return nil, err
	}
	return registry, nil
}
