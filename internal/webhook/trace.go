package webhook

import (
	"net/http"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/enxtai/kyc/internal/opsmetrics"
	"github.com/enxtai/kyc/internal/telemetry"
)

// post sends one delivery attempt inside a CLIENT span "webhook <event>" and passes the trace on to the
// receiver in the W3C `traceparent` header (documented in the README's webhook section), so a client can
// join our trace to its own. The header is not signed: it says where to look, not what happened. The
// attempt's latency and outcome feed the operator's webhook metrics.
func post(c *http.Client, req *http.Request, event string) (*http.Response, error) {
	ctx, span := telemetry.Start(req.Context(), "webhook "+event, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attribute.String("http.request.method", req.Method), attribute.String("server.address", req.URL.Host),
			attribute.String("webhook.event", event)))
	defer span.End()
	otel.GetTextMapPropagator().Inject(ctx, propagation.HeaderCarrier(req.Header))
	start := time.Now()
	resp, err := c.Do(req.WithContext(ctx))
	opsmetrics.ObserveStep(opsmetrics.StepWebhook, start)
	status := 0
	if err == nil {
		status = resp.StatusCode
		span.SetAttributes(attribute.Int("http.response.status_code", status))
	}
	opsmetrics.WebhookAttempt(status)
	if err != nil || status < 200 || status > 299 {
		span.SetStatus(codes.Error, http.StatusText(status))
		if err != nil {
			span.RecordError(err)
		}
	}
	return resp, err
}
