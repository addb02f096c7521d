package jobs

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/riverqueue/river/rivertype"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// TestTraceMiddlewareCarriesTheTrace: the inserting context's trace goes into each job's metadata (keeping
// what metadata there was), and working the job continues that trace.
func TestTraceMiddlewareCarriesTheTrace(t *testing.T) {
	otel.SetTextMapPropagator(propagation.TraceContext{})
	tid, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	ctx := trace.ContextWithRemoteSpanContext(context.Background(),
		trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled}))
	m := &traceMiddleware{}
	params := []*rivertype.JobInsertParams{{Kind: "a"}, {Kind: "b", Metadata: []byte(`{"keep":"me"}`)}}
	if _, err := m.InsertMany(ctx, params, func(context.Context) ([]*rivertype.JobInsertResult, error) { return nil, nil }); err != nil {
		t.Fatal(err)
	}
	want := "00-" + tid.String() + "-" + sid.String() + "-01"
	for _, p := range params {
		var meta map[string]string
		if err := json.Unmarshal(p.Metadata, &meta); err != nil || meta["traceparent"] != want {
			t.Fatalf("%s metadata %s, want traceparent %s", p.Kind, p.Metadata, want)
		}
	}
	if meta := string(params[1].Metadata); !json.Valid(params[1].Metadata) || !strings.Contains(meta, `"keep":"me"`) {
		t.Errorf("existing metadata lost: %s", meta)
	}

	job := &rivertype.JobRow{Kind: "b", Metadata: params[1].Metadata}
	var worked trace.SpanContext
	if err := m.Work(context.Background(), job, func(ctx context.Context) error {
		worked = trace.SpanContextFromContext(ctx)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if worked.TraceID() != tid {
		t.Errorf("worked in trace %s, want %s", worked.TraceID(), tid)
	}
}
