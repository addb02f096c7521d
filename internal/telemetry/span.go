package telemetry

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// Tracer is the instrumentation scope of our own spans.
const Tracer = "github.com/enxtai/kyc"

// Start opens an internal span named name. The tracer is looked up per call (a map read) so that a provider
// installed later, as tests do, is used.
func Start(ctx context.Context, name string, opts ...trace.SpanStartOption) (context.Context, trace.Span) {
	return otel.Tracer(Tracer).Start(ctx, name, opts...)
}

// End records err (if any) on the span and ends it: `defer func() { telemetry.End(span, err) }()`.
func End(span trace.Span, err error) {
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
	}
	span.End()
}
