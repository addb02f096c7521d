package app

import (
	"context"
	"time"

	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/opsmetrics"
	"github.com/enxtai/kyc/internal/telemetry"
)

// setupTelemetry installs tracing (exporting only when OTEL_EXPORTER_OTLP_ENDPOINT is set) and flushes the
// buffered spans at Close.
func (a *App) setupTelemetry(ctx context.Context) error {
	shutdown, err := telemetry.Setup(ctx, "kyc-server")
	if err != nil {
		return err
	}
	a.closers = append(a.closers, func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = shutdown(sctx)
	})
	return nil
}

// countDecision feeds the decision mix (auto-approved, review per reason code).
func countDecision(o kyc.Outcome) {
	codes := make([]string, 0, len(o.Reasons))
	for _, r := range o.Reasons {
		codes = append(codes, r.Code)
	}
	opsmetrics.Decided(o.Approved && len(o.Reasons) == 0, codes)
}
