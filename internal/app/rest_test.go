package app_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestRESTBadInput covers what only a REST client can send wrong: bodies and paths. Every answer is the guide's
// error body, and nothing is written.
func TestRESTBadInput(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name, method, path, body string
		headers                  map[string]string
		want                     int
		msg                      string
	}{
		{"malformed JSON", "POST", "/v1/kyc/initiate", `{"externalUserId": `, nil, 400, "Invalid JSON"},
		{"not JSON at all", "POST", "/v1/kyc/initiate", `externalUserId=x`, nil, 400, "Invalid JSON"},
		{"wrong type", "POST", "/v1/kyc/initiate", `{"externalUserId": 12345}`, nil, 400, "Invalid JSON"},
		{"wrong metadata type", "POST", "/v1/kyc/initiate", `{"externalUserId": "u1", "metadata": {"n": {"x": 1}}}`, nil, 400, "Invalid JSON"},
		{"unknown field", "POST", "/v1/kyc/initiate", `{"externalUserId": "u1", "isAdmin": true}`, nil, 400, "unknown field"},
		{"oversize body", "POST", "/v1/kyc/initiate", `{"externalUserId": "u1", "email": "` + strings.Repeat("a", 70_000) + `@x.com"}`, nil, 413, "too large"},
		{"missing path segment", "GET", "/v1/kyc/status/", "", nil, 404, "Cannot GET"},
		{"extra path segment", "GET", "/v1/kyc/status/" + f.sessionA + "/extra", "", nil, 404, "Cannot GET"},
		{"unknown path", "GET", "/v1/nothing", "", nil, 404, "Cannot GET"},
		{"outside api", "GET", "/../../etc/passwd", "", nil, 404, ""},
		// (DELETE /v1/kyc/initiate would be the erasure route DELETE /v1/kyc/{kycSessionId}: 400, not a UUID.)
		{"wrong method", "PUT", "/v1/kyc/initiate", "", nil, 405, "not allowed"},
		{"empty body", "POST", "/v1/kyc/initiate", "", nil, 400, "externalUserId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := f.countSessions(t)
			status, _, raw := do(t, tc.method, f.srv.BaseURL+tc.path, f.keyA, tc.body, tc.headers)
			if status != tc.want {
				t.Fatalf("status = %d (%s), want %d", status, raw, tc.want)
			}
			msg := checkErrorBody(t, status, raw)
			if !strings.Contains(msg, tc.msg) {
				t.Errorf("message %q does not contain %q", msg, tc.msg)
			}
			if after := f.countSessions(t); after != before {
				t.Errorf("sessions: %d -> %d, want no change", before, after)
			}
		})
	}
}

// TestRESTChunkedOversizeBody: a body without Content-Length is limited while reading too.
func TestRESTChunkedOversizeBody(t *testing.T) {
	f := newFixture(t)
	body := `{"externalUserId": "u1", "email": "` + strings.Repeat("a", 100_000) + `@x.com"}`
	req, _ := http.NewRequest("POST", f.srv.BaseURL+"/v1/kyc/initiate", &onlyReader{r: strings.NewReader(body)})
	req.Header.Set("X-API-Key", f.keyA)
	req.ContentLength = -1
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 || len(resp.TransferEncoding) != 0 && resp.StatusCode != 413 {
		t.Fatalf("status = %d, want 413", resp.StatusCode)
	}
}

type onlyReader struct{ r *strings.Reader }

func (o *onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }
