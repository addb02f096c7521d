package gateway

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestBodyDeadlineEndsWithTheBody: once the body has been read to its end, the handler may take as long as it
// needs (POST /v1/kyc/verify waits up to 30 s): the body's deadline must not cancel the request afterwards
// (net/http's background read of a finished body would hit it and cancel the request's context).
func TestBodyDeadlineEndsWithTheBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = newDeadlineBody(w, r.Body, 100*time.Millisecond, 1024)
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "read: "+err.Error(), 400)
			return
		}
		select {
		case <-r.Context().Done():
			http.Error(w, "cancelled", 500)
		case <-time.After(500 * time.Millisecond): // well past the body's deadline
			w.WriteHeader(200)
		}
	}))
	defer srv.Close()
	resp, err := http.Post(srv.URL, "application/json", strings.NewReader(`{"kycSessionId":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d %s: the request was cut after its body was read", resp.StatusCode, b)
	}
}
