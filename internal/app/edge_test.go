package app_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestMetricsOnTheirOwnListener: /metrics is served on KYC_METRICS_ADDR only, not on the public listener.
func TestMetricsOnTheirOwnListener(t *testing.T) {
	srv := testserver.Start(t)
	for _, tc := range []struct {
		base string
		want int
	}{{srv.HTTPURL, 404}, {"http://" + srv.App.MetricsAddr(), 200}} {
		resp, err := http.Get(tc.base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want || tc.want == 200 && !strings.Contains(string(b), "grpc_server_handled_total") {
			t.Errorf("%s/metrics: %d, want %d", tc.base, resp.StatusCode, tc.want)
		}
	}
}

// TestDocsAndReflectionCanBeTurnedOff: KYC_PUBLIC_DOCS=false and KYC_GRPC_REFLECTION=false.
func TestDocsAndReflectionCanBeTurnedOff(t *testing.T) {
	srv := testserver.Start(t, testserver.WithConfig(func(c *config.Config) { c.PublicDocs, c.GRPCReflection = false, false }))
	for _, p := range []string{"/api/openapi.json", "/api/docs/", "/api/docs/swagger-ui-bundle.js"} {
		resp, err := http.Get(srv.HTTPURL + p)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		} else {
			checkErrorBody(t, 404, raw)
		}
	}
	rs, err := grpc_reflection_v1.NewServerReflectionClient(srv.Dial(t)).ServerReflectionInfo(context.Background())
	if err == nil {
		_ = rs.Send(&grpc_reflection_v1.ServerReflectionRequest{MessageRequest: &grpc_reflection_v1.ServerReflectionRequest_ListServices{}})
		_, err = rs.Recv()
	}
	if status.Code(err) != codes.Unimplemented {
		t.Errorf("reflection: %v, want Unimplemented", err)
	}
}

// TestFailedKeysAreLimitedPerAddress: after KYC_AUTH_FAILURES_PER_MINUTE bad keys an address gets 429 in the
// guide's body with Retry-After, over REST (with or without a body) and gRPC, while a key it had already used
// keeps working.
func TestFailedKeysAreLimitedPerAddress(t *testing.T) {
	srv := testserver.Start(t, testserver.WithConfig(func(c *config.Config) { c.AuthFailures = 3 }))
	_, good := srv.NewClient(t, "tenant")
	statusURL := srv.BaseURL + "/v1/kyc/status/00000000-0000-0000-0000-000000000001"
	if code, _, raw := do(t, "GET", statusURL, good, "", nil); code != 404 {
		t.Fatalf("valid key: %d %s", code, raw)
	}
	for i := 0; i < 4; i++ { // the budget, and the failure that spends it
		if code, _, raw := do(t, "GET", statusURL, "kyc_live_guess"+string(rune('a'+i)), "", nil); code != 401 {
			t.Fatalf("bad key %d: %d %s, want 401", i+1, code, raw)
		}
	}
	for _, tc := range []struct{ method, url, body string }{
		{"GET", statusURL, ""},
		{"POST", srv.BaseURL + "/v1/kyc/initiate", `{"externalUserId":"u1"}`},
	} {
		req, _ := http.NewRequest(tc.method, tc.url, strings.NewReader(tc.body))
		req.Header.Set("X-API-Key", "kyc_live_guess-more")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("%s %s after the budget: %d Retry-After %q %s", tc.method, tc.url, resp.StatusCode, resp.Header.Get("Retry-After"), raw)
		}
		checkErrorBody(t, 429, raw)
	}
	ctx := metadata.AppendToOutgoingContext(context.Background(), auth.MetadataKey, "kyc_live_guess-grpc")
	var hdr metadata.MD
	_, err := kycv1.NewKycServiceClient(srv.Dial(t)).GetKycStatus(ctx, &kycv1.GetKycStatusRequest{KycSessionId: "00000000-0000-0000-0000-000000000001"}, grpc.Header(&hdr))
	if status.Code(err) != codes.ResourceExhausted || len(hdr.Get("retry-after")) == 0 {
		t.Errorf("gRPC after the budget: %v, retry-after %v", err, hdr.Get("retry-after"))
	}
	if code, _, raw := do(t, "GET", statusURL, good, "", nil); code != 404 {
		t.Errorf("the address's known key: %d %s, want it to keep working (404)", code, raw)
	}
}

// countingReader is a request body of n bytes that counts what the client managed to send.
type countingReader struct{ left, sent atomic.Int64 }

func (c *countingReader) Read(p []byte) (int, error) {
	left := c.left.Load()
	if left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), left)
	for i := range p[:n] {
		p[i] = 'a'
	}
	c.left.Add(-n)
	c.sent.Add(n)
	return int(n), nil
}

// TestLargeBodiesWithoutKeyAreNotRead: a 200 MB body without a key, on a JSON route with a multipart
// Content-Type and on an upload whose file comes first, is answered 401 without being read: the client gets to
// send no more than the connection's buffers hold.
func TestLargeBodiesWithoutKeyAreNotRead(t *testing.T) {
	srv := testserver.Start(t)
	for path, head := range map[string]string{
		"/v1/kyc/initiate":   `{"externalUserId":"`, // a JSON string the decoder would read to its end
		"/v1/kyc/upload/pan": "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pan.jpg\"\r\n\r\n",
	} {
		body := &countingReader{}
		body.left.Store(200 << 20)
		req, _ := http.NewRequest("POST", srv.BaseURL+path, io.MultiReader(strings.NewReader(head), body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=b")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Fatalf("%s: %d %s, want 401", path, resp.StatusCode, raw)
		}
		checkErrorBody(t, 401, raw)
		if sent := body.sent.Load(); sent > 16<<20 {
			t.Errorf("%s: the client sent %d MB before its answer", path, sent>>20)
		}
	}
}

// TestGRPCUploadWithoutKeyIsNotRead: an upload stream without a key is refused by the auth interceptor before
// the handler reads a message; the client can send no more than the stream's flow-control window holds.
func TestGRPCUploadWithoutKeyIsNotRead(t *testing.T) {
	srv := testserver.Start(t)
	stream, err := kycv1.NewKycServiceClient(srv.Dial(t)).UploadDocument(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	chunk := &kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: make([]byte, 64<<10)}}
	sent := 0
	for ; sent < 200<<20; sent += 64 << 10 {
		if err := stream.Send(chunk); err != nil {
			break
		}
	}
	_, err = stream.CloseAndRecv()
	if status.Code(err) != codes.Unauthenticated {
		t.Fatalf("upload without a key: %v, want Unauthenticated", err)
	}
	if sent > 16<<20 {
		t.Errorf("the client sent %d MB before the refusal", sent>>20)
	}
}
