package telemetry

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"

	"go.opentelemetry.io/otel/trace"
)

// TestLogHandlerAddsTraceIDs: a record logged within a span (here one propagated from a caller) carries the
// span's trace_id and span_id, also through With; one logged outside a span carries neither.
func TestLogHandlerAddsTraceIDs(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(LogHandler(slog.NewJSONHandler(&buf, nil))).With("component", "test")
	tid, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	ctx := trace.ContextWithRemoteSpanContext(context.Background(),
		trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled}))

	for _, tc := range []struct {
		ctx             context.Context
		traceID, spanID string
	}{
		{ctx, tid.String(), sid.String()},
		{context.Background(), "", ""},
	} {
		buf.Reset()
		log.InfoContext(tc.ctx, "hello")
		var rec map[string]any
		if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		got, _ := rec["trace_id"].(string)
		gotSpan, _ := rec["span_id"].(string)
		if got != tc.traceID || gotSpan != tc.spanID || rec["component"] != "test" {
			t.Errorf("record %v: want trace_id %q span_id %q", rec, tc.traceID, tc.spanID)
		}
	}
}
