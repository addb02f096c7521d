package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/google/uuid"
	"google.golang.org/grpc/status"

	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

func rotate(t *testing.T, srv *testserver.Server, clientID string) string {
	t.Helper()
	out, err := apikeys.RotateClient(context.Background(), srv.Store(), audit.Operator(), uuid.MustParse(clientID), auth.EnvLive)
	if err != nil {
		t.Fatal(err)
	}
	srv.App.ForgetKeys()
	return out.Key
}

// postJSON posts a body and decodes a 2xx JSON answer.
func postJSON(t *testing.T, url, key, body string, headers map[string]string) map[string]any {
	t.Helper()
	status, out, raw := do(t, "POST", url, key, body, headers)
	if status >= 300 {
		t.Fatalf("POST %s: %d %s", url, status, raw)
	}
	return out
}

// do sends a request and returns the status, the decoded JSON object (if any) and the raw body.
func do(t *testing.T, method, url, key, body string, headers map[string]string) (int, map[string]any, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("X-API-Key", key)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	return resp.StatusCode, out, raw
}

func containsCode(err error, code string) bool {
	return err != nil && strings.Contains(status.Convert(err).Code().String(), code)
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func withKey(key string) context.Context { return testserver.WithKey(context.Background(), key) }

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
