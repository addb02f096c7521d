package app_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

var (
	spansOnce sync.Once
	spans     = &gatedRecorder{SpanRecorder: tracetest.NewSpanRecorder()}
)

// recordSpans installs, once for the test binary, an SDK tracer provider that keeps the spans ended while the
// calling test runs in memory (tests running beside it add spans of their own traces, which the assertions
// filter out by trace id; later tests add none).
func recordSpans(t *testing.T) *tracetest.SpanRecorder {
	spansOnce.Do(func() { otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))) })
	spans.on.Store(true)
	t.Cleanup(func() { spans.on.Store(false) })
	return spans.SpanRecorder
}

// gatedRecorder records only while on.
type gatedRecorder struct {
	*tracetest.SpanRecorder
	on atomic.Bool
}

func (g *gatedRecorder) OnStart(ctx context.Context, s sdktrace.ReadWriteSpan) {
	if g.on.Load() {
		g.SpanRecorder.OnStart(ctx, s)
	}
}

func (g *gatedRecorder) OnEnd(s sdktrace.ReadOnlySpan) {
	if g.on.Load() {
		g.SpanRecorder.OnEnd(s)
	}
}

// TestTraceOfOneSession: a client that sends a traceparent with each call sees the whole session in one
// trace: its five REST calls (SERVER spans), the card-reading job continued from the last upload, OCR per
// card, the face job with detection, alignment/embedding and liveness, the decision transaction with its SQL,
// and both webhook deliveries as CLIENT spans whose traceparent reached the receiver.
func TestTraceOfOneSession(t *testing.T) {
	rec := recordSpans(t)
	srv := testserver.Start(t, testserver.WithWorkers())
	_, key := srv.NewClient(t, "acme")
	rcv := webhooktest.New(t, webhookSecret)
	putWebhook(t, srv, key, rcv.URL, webhookSecret)
	docs, err := kycdocs.Write(filepath.Join(t.TempDir(), "docs"), 100, "jimin6.jpg", "jimin7.jpg")
	if err != nil {
		t.Fatal(err)
	}

	ctx, root := otel.Tracer("test").Start(context.Background(), "client: one session")
	hdr := http.Header{}
	propagation.TraceContext{}.Inject(ctx, propagation.HeaderCarrier(hdr))
	user := "trace-1"
	_, body, raw := do(t, "POST", srv.BaseURL+"/v1/kyc/initiate", key, `{"externalUserId":"`+user+`"}`,
		map[string]string{"traceparent": hdr.Get("traceparent")})
	sid, _ := body["kycSessionId"].(string)
	if sid == "" {
		t.Fatalf("initiate: %s", raw)
	}
	for _, u := range []struct {
		doc  kycv1.DocumentType
		path string
	}{
		{kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD, docs.PAN},
		{kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT, docs.AadhaarFront},
		{kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK, docs.AadhaarBack},
		{kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO, docs.LivePhoto},
	} {
		uploadTraced(t, srv.BaseURL+docPaths[u.doc], key, user, u.path, hdr)
	}
	waitForOutcome(t, srv, key, sid, 90*time.Second)
	var delivered []webhooktest.Delivery
	for _, ev := range []string{"kyc.documents_uploaded", "kyc.verification_completed"} {
		delivered = append(delivered, rcv.WaitFor(t, 30*time.Second, webhooktest.Event(ev, sid)))
	}
	root.End()

	tid := root.SpanContext().TraceID()
	// A span is recorded when it ends: a delivery job's span ends after its POST (it records the attempt first).
	tree := waitForTree(t, rec, tid, func(tr spanTree) bool {
		return len(tr.named("webhook kyc.")) == 2 && len(tr.named("job webhook.deliver")) >= 2
	})
	rootID := root.SpanContext().SpanID()

	servers := tree.children(rootID)
	var names []string
	for _, s := range servers {
		if s.SpanKind() == trace.SpanKindServer {
			names = append(names, s.Name())
		}
	}
	want := "POST /api/v1/kyc/initiate|POST /api/v1/kyc/upload/pan|POST /api/v1/kyc/upload/aadhaar/front|" +
		"POST /api/v1/kyc/upload/aadhaar/back|POST /api/v1/kyc/upload/live-photo"
	if got := strings.Join(names, "|"); got != want {
		t.Fatalf("REST server spans under the client's span:\n got %s\nwant %s", got, want)
	}
	lastUpload := tree.one(t, "POST /api/v1/kyc/upload/live-photo")
	read := tree.one(t, "job kyc.read_cards")
	tree.descends(t, read, lastUpload)
	if read.SpanKind() != trace.SpanKindConsumer {
		t.Errorf("job span kind %v", read.SpanKind())
	}
	for _, card := range []string{"ocr pan", "ocr aadhaar_front", "ocr aadhaar_back"} {
		tree.parentIs(t, tree.one(t, card), read)
	}
	match := tree.one(t, "job kyc.match_face")
	tree.descends(t, match, read)
	fm := tree.one(t, "face.match")
	tree.parentIs(t, fm, match)
	tree.parentIs(t, tree.one(t, "face.detect"), fm)
	tree.parentIs(t, tree.one(t, "face.align_embed"), fm)
	tree.parentIs(t, tree.one(t, "face.liveness"), match)
	decide := tree.one(t, "kyc.decide")
	tree.parentIs(t, decide, match)
	if len(tree.children(decide.SpanContext().SpanID())) == 0 {
		t.Error("the decision transaction has no SQL spans")
	}

	// Each delivery job continues the trace of the transaction that queued it; its POST is a CLIENT span whose
	// id the receiver got in traceparent.
	queuedBy := map[string]sdktrace.ReadOnlySpan{"kyc.documents_uploaded": lastUpload, "kyc.verification_completed": decide}
	for _, d := range delivered {
		ev := d.Header.Get("X-Event")
		post := tree.one(t, "webhook "+ev)
		if post.SpanKind() != trace.SpanKindClient {
			t.Errorf("%s: span kind %v, want client", ev, post.SpanKind())
		}
		job := tree.byID[post.Parent().SpanID()]
		if job == nil || job.Name() != "job webhook.deliver" {
			t.Fatalf("%s: POST span's parent is %v, want the delivery job", ev, job)
		}
		tree.descends(t, job, queuedBy[ev])
		sc := post.SpanContext()
		if want := "00-" + sc.TraceID().String() + "-" + sc.SpanID().String() + "-01"; d.Header.Get("traceparent") != want {
			t.Errorf("%s: receiver got traceparent %q, want %q", ev, d.Header.Get("traceparent"), want)
		}
	}
}

func uploadTraced(t *testing.T, url, key, user, path string, hdr http.Header) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("externalUserId", user)
	w, _ := mw.CreateFormFile("file", filepath.Base(path))
	_, _ = w.Write(readFile(t, path))
	_ = mw.Close()
	req, _ := http.NewRequest("POST", url, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-API-Key", key)
	req.Header.Set("traceparent", hdr.Get("traceparent"))
	if code, _, raw := send(t, req); code != 200 {
		t.Fatalf("upload %s: %d %s", path, code, raw)
	}
}

// spanTree is the ended spans of one trace.
type spanTree struct {
	all  []sdktrace.ReadOnlySpan
	byID map[trace.SpanID]sdktrace.ReadOnlySpan
}

// waitForTree waits (spans end after the work that the test saw, e.g. a delivery is recorded after the POST)
// until done holds for the trace's ended spans.
func waitForTree(t *testing.T, rec *tracetest.SpanRecorder, tid trace.TraceID, done func(spanTree) bool) spanTree {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		tr := spanTree{byID: map[trace.SpanID]sdktrace.ReadOnlySpan{}}
		for _, s := range rec.Ended() {
			if s.SpanContext().TraceID() == tid {
				tr.all = append(tr.all, s)
				tr.byID[s.SpanContext().SpanID()] = s
			}
		}
		if done(tr) || time.Now().After(deadline) {
			return tr
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (tr spanTree) named(prefix string) []sdktrace.ReadOnlySpan {
	var out []sdktrace.ReadOnlySpan
	for _, s := range tr.all {
		if strings.HasPrefix(s.Name(), prefix) {
			out = append(out, s)
		}
	}
	return out
}

// children are the spans whose parent is id, in start order.
func (tr spanTree) children(id trace.SpanID) []sdktrace.ReadOnlySpan {
	var out []sdktrace.ReadOnlySpan
	for _, s := range tr.all {
		if s.Parent().SpanID() == id {
			out = append(out, s)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].StartTime().Before(out[j-1].StartTime()); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (tr spanTree) one(t *testing.T, name string) sdktrace.ReadOnlySpan {
	t.Helper()
	var found []sdktrace.ReadOnlySpan
	for _, s := range tr.all {
		if s.Name() == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d spans named %q in the trace, want 1 (trace has %d spans)", len(found), name, len(tr.all))
	}
	return found[0]
}

func (tr spanTree) parentIs(t *testing.T, s, parent sdktrace.ReadOnlySpan) {
	t.Helper()
	if s.Parent().SpanID() != parent.SpanContext().SpanID() {
		t.Errorf("span %q: parent is not %q", s.Name(), parent.Name())
	}
}

// descends checks that ancestor is on s's path to the root.
func (tr spanTree) descends(t *testing.T, s, ancestor sdktrace.ReadOnlySpan) {
	t.Helper()
	for p := tr.byID[s.Parent().SpanID()]; p != nil; p = tr.byID[p.Parent().SpanID()] {
		if p.SpanContext().SpanID() == ancestor.SpanContext().SpanID() {
			return
		}
	}
	t.Errorf("span %q does not descend from %q", s.Name(), ancestor.Name())
}
