package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/auth"
)

// noServer is the in-process connection of these tests: every call fails Unimplemented, and is counted.
type noServer struct{ calls atomic.Int64 }

func (n *noServer) Invoke(context.Context, string, any, any, ...grpc.CallOption) error {
	n.calls.Add(1)
	return status.Error(codes.Unimplemented, "no server in this test")
}

func (n *noServer) NewStream(context.Context, *grpc.StreamDesc, string, ...grpc.CallOption) (grpc.ClientStream, error) {
	n.calls.Add(1)
	return nil, status.Error(codes.Unimplemented, "no server in this test")
}

const goodKey = "kyc_live_good"

// checkKey accepts goodKey; "kyc_live_spent" is a key from an address that has sent too many bad ones.
func checkKey(_ context.Context, key, _ string) error {
	switch key {
	case goodKey:
		return nil
	case "":
		return auth.ErrMissingKey
	case "kyc_live_spent":
		return apperr.Wrap(apperr.RateLimited, &auth.Throttled{RetryAfter: 42 * time.Second}, "Too many requests with an invalid API key. Retry after 42 seconds.")
	}
	return auth.ErrInvalidKey
}

func testHandler(t *testing.T, cfg Config) (http.Handler, *noServer) {
	t.Helper()
	conn := &noServer{}
	if cfg.MaxJSONBody == 0 {
		cfg.MaxJSONBody = 64 << 10
	}
	if cfg.MaxUploadFile == 0 {
		cfg.MaxUploadFile = 5 << 20
	}
	cfg.CheckKey = checkKey
	h, err := Handler(context.Background(), conn, cfg, http.NotFoundHandler(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return h, conn
}

// endless is a body of n bytes that counts what the server read of it.
type endless struct {
	left, read int64
}

func (e *endless) Read(p []byte) (int, error) {
	if e.left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), e.left)
	clear(p[:n])
	e.left -= n
	e.read += n
	return int(n), nil
}

// formFileFirst is the start of a form whose file part precedes its target, followed by body.
func formFileFirst(body io.Reader) io.Reader {
	head := "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pan.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
	return io.MultiReader(strings.NewReader(head), body)
}

// TestNothingIsReadBeforeTheKey: a 200 MB body without a valid key is answered 401 (429 for a spent address,
// with Retry-After) in the guide's body without one byte of it read, on JSON routes whatever the Content-Type
// says and on uploads whatever the order of the form's parts; nothing reaches the services.
func TestNothingIsReadBeforeTheKey(t *testing.T) {
	h, conn := testHandler(t, Config{})
	const size = 200 << 20
	for _, tc := range []struct {
		name, path, contentType, key string
		want                         int
	}{
		{"multipart Content-Type on a JSON route", "/api/v1/kyc/initiate", "multipart/form-data; boundary=b", "", 401},
		{"JSON route with an unknown key", "/api/v1/kyc/initiate", "application/json", "kyc_live_wrong", 401},
		{"upload with its file first", "/api/v1/kyc/upload/pan", "multipart/form-data; boundary=b", "", 401},
		{"upload with an unknown key", "/api/v1/kyc/upload/live-photo", "multipart/form-data; boundary=b", "kyc_live_wrong", 401},
		{"admin route", "/api/v1/admin/kyc/00000000-0000-0000-0000-000000000001/review", "application/json", "", 401},
		{"unknown route", "/api/v1/nothing", "application/json", "", 401},
		{"spent address", "/api/v1/kyc/initiate", "application/json", "kyc_live_spent", 429},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := &endless{left: size}
			req := httptest.NewRequest("POST", tc.path, formFileFirst(body))
			req.ContentLength = -1 // chunked: nothing to refuse it by up front
			req.Header.Set("Content-Type", tc.contentType)
			if tc.key != "" {
				req.Header.Set("X-API-Key", tc.key)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Fatalf("status %d (%s), want %d", rec.Code, rec.Body, tc.want)
			}
			checkGuideBody(t, rec, tc.want)
			if body.read != 0 {
				t.Errorf("%d bytes of the body were read before the key was refused", body.read)
			}
			if tc.want == 429 && rec.Header().Get("Retry-After") != "42" {
				t.Errorf("Retry-After %q, want 42", rec.Header().Get("Retry-After"))
			}
		})
	}
	if n := conn.calls.Load(); n != 0 {
		t.Errorf("%d calls reached the services", n)
	}
}

// TestBodiesAreBoundedAfterTheKey: with a valid key, a JSON route reads at most its limit (+1 byte) of a
// 200 MB body whatever the Content-Type, and an upload at most its file limit plus the form's overhead,
// answering 413; a declared length over the bound is refused without reading.
func TestBodiesAreBoundedAfterTheKey(t *testing.T) {
	const maxJSON, maxFile = 64 << 10, 5 << 20
	h, _ := testHandler(t, Config{MaxJSONBody: maxJSON, MaxUploadFile: maxFile})
	for _, tc := range []struct {
		name, path, contentType string
		length                  int64
		maxRead                 int64
	}{
		{"multipart Content-Type on a JSON route", "/api/v1/kyc/initiate", "multipart/form-data; boundary=b", -1, maxJSON + 1},
		{"text on a JSON route", "/api/v1/webhooks", "text/plain", -1, maxJSON + 1},
		{"JSON route, declared length", "/api/v1/kyc/initiate", "application/json", 200 << 20, 0},
		{"upload with its file first", "/api/v1/kyc/upload/aadhaar/front", "multipart/form-data; boundary=b", -1, maxFile + formOverhead},
		{"upload, declared length", "/api/v1/kyc/upload/pan", "multipart/form-data; boundary=b", 200 << 20, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := &endless{left: 200 << 20}
			req := httptest.NewRequest("POST", tc.path, formFileFirst(body))
			req.ContentLength = tc.length
			req.Header.Set("Content-Type", tc.contentType)
			req.Header.Set("X-API-Key", goodKey)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d (%s), want 413", rec.Code, rec.Body)
			}
			checkGuideBody(t, rec, 413)
			if body.read > tc.maxRead {
				t.Errorf("%d bytes read, want at most %d", body.read, tc.maxRead)
			}
		})
	}
}

// TestSlowBodiesAreCutOff: a client that stops sending its body is cut off once its grace and rate are spent,
// while one that keeps up with the minimum rate is read to the end.
func TestSlowBodiesAreCutOff(t *testing.T) {
	h, _ := testHandler(t, Config{BodyGrace: 300 * time.Millisecond, MinBodyRate: 1024})
	srv := httptest.NewServer(h)
	defer srv.Close()

	t.Run("a stalled body", func(t *testing.T) {
		pr, pw := io.Pipe()
		defer pw.Close()
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/kyc/initiate", pr)
		req.Header.Set("X-API-Key", goodKey)
		req.Header.Set("Content-Type", "application/json")
		req.ContentLength = 10_000
		go func() { _, _ = pw.Write([]byte(`{"externalUserId":`)) }() // then nothing
		done := make(chan *http.Response, 1)
		go func() {
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				done <- nil
				return
			}
			done <- resp
		}()
		select {
		case resp := <-done:
			if resp != nil {
				resp.Body.Close()
				if resp.StatusCode != http.StatusBadRequest {
					t.Errorf("status %d, want 400 (the body could not be read) or a cut connection", resp.StatusCode)
				}
			}
		case <-time.After(20 * time.Second): // a liveness bound, far beyond the 0.3 s grace
			t.Fatal("the server is still waiting for the stalled body")
		}
	})
	t.Run("a slow body that keeps the rate", func(t *testing.T) {
		pr, pw := io.Pipe()
		go func() {
			defer pw.Close()
			for i := 0; i < 6; i++ { // 6 x 100 bytes over ~0.6 s: above 1 KiB/s
				time.Sleep(100 * time.Millisecond)
				_, _ = pw.Write(bytes.Repeat([]byte(" "), 100))
			}
			_, _ = pw.Write([]byte(`{}`))
		}()
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/kyc/initiate", pr)
		req.Header.Set("X-API-Key", goodKey)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusBadRequest {
			t.Errorf("a body arriving at the minimum rate was cut off")
		}
	})
}

func checkGuideBody(t *testing.T, rec *httptest.ResponseRecorder, code int) {
	t.Helper()
	var b errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil || b.StatusCode != code || b.Message == "" || b.Error != http.StatusText(code) {
		t.Errorf("body %q is not the guide's error body for %d", rec.Body, code)
	}
}
