package jobs

import (
	"context"
	"encoding/json"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/enxtai/kyc/internal/opsmetrics"
	"github.com/enxtai/kyc/internal/telemetry"
)

// traceMiddleware carries the trace of the request (or job) that inserts a job into the job's metadata, under
// "traceparent" (W3C), and continues it when the job is worked: the work span is a CHILD of the inserting span,
// not a link (as rivercontrib/otelriver does), so that one trace shows a session from its upload to its
// webhook. A job without a trace context starts its own trace.
type traceMiddleware struct{ river.MiddlewareDefaults }

var (
	_ rivertype.JobInsertMiddleware = &traceMiddleware{}
	_ rivertype.WorkerMiddleware    = &traceMiddleware{}
)

func (*traceMiddleware) InsertMany(ctx context.Context, many []*rivertype.JobInsertParams,
	doInner func(context.Context) ([]*rivertype.JobInsertResult, error)) ([]*rivertype.JobInsertResult, error) {
	carrier := propagation.MapCarrier{}
	otel.GetTextMapPropagator().Inject(ctx, carrier)
	if len(carrier) > 0 {
		for _, p := range many {
			p.Metadata = withTraceContext(p.Metadata, carrier)
		}
	}
	return doInner(ctx)
}

func (*traceMiddleware) Work(ctx context.Context, job *rivertype.JobRow, doInner func(context.Context) error) (err error) {
	var carrier propagation.MapCarrier
	if json.Unmarshal(job.Metadata, &carrier) == nil && carrier["traceparent"] != "" {
		ctx = otel.GetTextMapPropagator().Extract(ctx, carrier)
	}
	ctx, span := telemetry.Start(ctx, "job "+job.Kind, trace.WithSpanKind(trace.SpanKindConsumer),
		trace.WithAttributes(attribute.String("messaging.system", "river"), attribute.String("job.kind", job.Kind),
			attribute.String("job.queue", job.Queue), attribute.Int64("job.id", job.ID), attribute.Int("job.attempt", job.Attempt)))
	defer func() {
		opsmetrics.JobRun(job.Kind, err)
		telemetry.End(span, err)
	}()
	return doInner(ctx)
}

// withTraceContext adds the carrier's keys to a job's metadata object (River's metadata is a JSON object,
// empty for our jobs). Metadata that is not an object is left alone.
func withTraceContext(meta []byte, carrier propagation.MapCarrier) []byte {
	m := map[string]any{}
	if len(meta) > 0 && json.Unmarshal(meta, &m) != nil {
		return meta
	}
	for k, v := range carrier {
		m[k] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		return meta
	}
	return b
}
