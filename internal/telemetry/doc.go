// Package telemetry sets up tracing with OpenTelemetry: the process's tracer provider, configured by the
// standard OTEL_* variables, W3C tracecontext propagation, a slog handler that adds trace_id and span_id to
// every record logged within a span, and the small helpers the engines and workers use to open spans.
//
// Export is off unless OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: then no
// SDK is installed at all, spans are OpenTelemetry's no-op spans (no allocation beyond the context), and a
// traceparent received from a caller still flows through to logs, jobs and webhook deliveries.
//
// This package must not import the domain, the store or the transports: they import it.
package telemetry
