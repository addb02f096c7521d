package telemetry

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// TestSetupExportsOnlyWithAnEndpoint: without an OTLP endpoint no SDK is installed (spans stay no-ops); with
// one, an SDK provider is, and an unsupported protocol is refused.
func TestSetupExportsOnlyWithAnEndpoint(t *testing.T) {
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "")
	t.Setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "")
	if _, err := Setup(context.Background(), "test"); err != nil {
		t.Fatal(err)
	}
	if _, ok := otel.GetTracerProvider().(*sdktrace.TracerProvider); ok {
		t.Fatal("an SDK provider was installed without an endpoint")
	}
	if _, span := Start(context.Background(), "x"); span.IsRecording() {
		t.Error("a span records without an endpoint")
	}

	t.Setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon")
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1")
	if _, err := Setup(context.Background(), "test"); err == nil {
		t.Error("an unsupported protocol was accepted")
	}
	t.Setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "")
	shutdown, err := Setup(context.Background(), "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := otel.GetTracerProvider().(*sdktrace.TracerProvider); !ok {
		t.Fatal("no SDK provider with an endpoint")
	}
	if _, span := Start(context.Background(), "x"); !span.IsRecording() {
		t.Error("spans do not record with an endpoint")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	_ = shutdown(ctx) // nothing listens on the endpoint; the shutdown must still return
}

// BenchmarkStepWithoutExport is the cost a processing step pays with tracing off: a no-op span and one
// histogram observation.
func BenchmarkStepWithoutExport(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		_, s := StartStep(ctx, "ocr", "ocr pan")
		s.End(nil)
	}
}
