package telemetry

import (
	"context"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/enxtai/kyc/internal/opsmetrics"
)

// Step is a span around one step of a session's processing that, when it ends, also observes the step's
// latency histogram (opsmetrics.Step*). With tracing off it costs a time.Now and a histogram observation.
type Step struct {
	span  trace.Span
	step  string
	start time.Time
}

// StartStep opens span name as a child of ctx's span; step names the latency histogram ("" for none).
func StartStep(ctx context.Context, step, name string, attrs ...attribute.KeyValue) (context.Context, Step) {
	ctx, span := Start(ctx, name, trace.WithAttributes(attrs...))
	return ctx, Step{span: span, step: step, start: time.Now()}
}

// End records err (if any), ends the span and observes the latency.
func (s Step) End(err error) {
	if s.step != "" {
		opsmetrics.ObserveStep(s.step, s.start)
	}
	End(s.span, err)
}
