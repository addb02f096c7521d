package telemetry

import (
	"net/http"
	"strings"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

// HTTPHandler gives every REST call a SERVER span (continuing a caller's traceparent). The REST gateway calls
// the gRPC services over an in-process channel, which gRPC's stats handlers never see, so this span is the
// REST call's span. Probes and scrapes (/healthz, /metrics) are not traced.
func HTTPHandler(h http.Handler) http.Handler {
	return otelhttp.NewHandler(h, "rest",
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return r.Method + " " + r.URL.Path }),
		otelhttp.WithFilter(func(r *http.Request) bool {
			return r.URL.Path != "/healthz" && r.URL.Path != "/metrics" && !strings.HasPrefix(r.URL.Path, "/api/docs")
		}))
}
