package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"

	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
)

// Role says what a process does: serve the API (and work jobs, unless disabled), or only work jobs.
type Role int

// The roles, by subcommand.
const (
	RoleServe  Role = iota // kyc-server serve
	RoleWorker             // kyc-server worker
)

// App is a built server or worker, ready to Run.
type App struct {
	cfg  config.Config
	log  *slog.Logger
	role Role
	core *core

	// API side (RoleServe).
	auth     *auth.Authenticator
	grpc     *grpc.Server
	health   *health.Server
	http     *http.Server
	metrics  *http.Server         // nil when KYC_METRICS_ADDR is empty
	registry *prometheus.Registry // what /metrics serves, in both roles

	grpcLis, httpLis, metricsLis net.Listener

	runner  *jobs.Runner // nil when this process works no jobs
	closers []func()
}

// New builds a process of the given role from the config. If anything fails, whatever was opened is closed.
func New(ctx context.Context, cfg config.Config, log *slog.Logger, role Role) (_ *App, err error) {
	a := &App{cfg: cfg, log: log, role: role}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if err = cfg.ValidateServer(); err != nil {
		return nil, err
	}
	if err = a.setupTelemetry(ctx); err != nil {
		return nil, err
	}
	if a.core, err = buildCore(ctx, cfg, log, &a.closers); err != nil {
		return nil, err
	}
	if a.registry, err = newRegistry(a.core.store); err != nil {
		return nil, err
	}
	if role == RoleWorker || cfg.Workers {
		if a.runner, err = buildRunner(cfg, log, a.core, &a.closers); err != nil {
			return nil, fmt.Errorf("workers: %w", err)
		}
	}
	if role == RoleServe {
		if err = a.buildAPI(ctx); err != nil {
			return nil, err
		}
	}
	// Both roles serve /metrics and the probes on the private listener: a worker has no other port.
	if err = a.listenMetrics(); err != nil {
		return nil, err
	}
	return a, nil
}

// Store is the app's database, for operator commands and tests.
func (a *App) Store() *store.Store { return a.core.store }

// ForgetKeys drops the authenticator's cache (operator commands run in-process in tests revoke keys).
func (a *App) ForgetKeys() { a.auth.Forget() }

// Close releases everything New opened, in reverse order.
func (a *App) Close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}
