package telemetry

import (
	"net/http"
	"regexp"
	"strings"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

// HTTPHandler gives every REST call a SERVER span (continuing a caller's traceparent). The REST gateway calls
// the gRPC services over an in-process channel whose own stats handlers add the gRPC spans beneath it.
// Probes, scrapes and the API docs (/healthz, /metrics, /api/docs) are not traced.
func HTTPHandler(h http.Handler) http.Handler {
	return otelhttp.NewHandler(h, "rest",
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return SpanName(r) }),
		otelhttp.WithFilter(func(r *http.Request) bool {
			return r.URL.Path != "/healthz" && r.URL.Path != "/metrics" && !strings.HasPrefix(r.URL.Path, "/api/docs")
		}))
}

// ids are the path segments that name one thing (session, delivery, key ids: UUIDs); a span name keeps the
// route, not the id, so that names stay few (the full path is the span's url.path attribute).
var ids = regexp.MustCompile(`/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(/|$)`)

// SpanName is "METHOD /path" with UUID segments written {id}.
func SpanName(r *http.Request) string {
	return r.Method + " " + ids.ReplaceAllString(r.URL.Path, "/{id}$1")
}
