package app_test

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

// TestWebhookSettingsAPI: set, read (no secret), test delivery, remove; refused endpoints.
func TestWebhookSettingsAPI(t *testing.T) {
	f := newFixture(t)
	base := f.srv.BaseURL + "/v1/webhooks"
	if code, _, raw := do(t, "GET", base, f.keyA, "", nil); code != 404 {
		t.Fatalf("GET before PUT: %d %s", code, raw)
	}
	rcv := webhooktest.New(t, "unused")
	// A generated secret is shown once, in the Standard Webhooks form.
	code, body, raw := do(t, "PUT", base, f.keyA, `{"url":"`+rcv.URL+`/hook"}`, nil)
	secret, _ := body["secret"].(string)
	if code != 200 || !strings.HasPrefix(secret, "whsec_") || body["webhook"].(map[string]any)["url"] != rcv.URL+"/hook" {
		t.Fatalf("PUT: %d %s", code, raw)
	}
	code, body, raw = do(t, "GET", base, f.keyA, "", nil)
	if code != 200 || strings.Contains(string(raw), secret) || body["secret"] != nil {
		t.Fatalf("GET shows the secret or fails: %d %s", code, raw)
	}
	// The test delivery is signed with that secret and reaches the endpoint.
	rcv2 := webhooktest.New(t, secret)
	do(t, "PUT", base, f.keyA, `{"url":"`+rcv2.URL+`","secret":"`+secret+`"}`, nil)
	code, body, raw = do(t, "POST", base+"/test", f.keyA, `{}`, nil)
	if code != 200 || body["success"] != true || body["statusCode"] != float64(200) {
		t.Fatalf("test delivery: %d %s", code, raw)
	}
	d := rcv2.WaitFor(t, 5*time.Second, func(webhooktest.Delivery) bool { return true })
	if len(d.Problems) > 0 {
		t.Fatalf("test delivery problems: %v", d.Problems)
	}
	rcv2.Respond(http.StatusInternalServerError, 0)
	if _, body, _ := do(t, "POST", base+"/test", f.keyA, `{}`, nil); body["success"] != false || body["statusCode"] != float64(500) {
		t.Fatalf("failing endpoint reported as %v", body)
	}
	for _, bad := range []string{"http://169.254.169.254/latest", "http://10.0.0.7/hook", "ftp://example.com/x", "http://user:pw@127.0.0.1/x", "not-a-url"} {
		if code, _, raw := do(t, "PUT", base, f.keyA, `{"url":"`+bad+`"}`, nil); code != 400 {
			t.Errorf("PUT %s: %d %s", bad, code, raw)
		}
	}
	if code, _, raw := do(t, "PUT", base, f.keyA, `{"url":"`+rcv.URL+`","secret":"short"}`, nil); code != 400 {
		t.Errorf("short secret: %d %s", code, raw)
	}
	if code, _, _ := do(t, "DELETE", base, f.keyA, "", nil); code != 200 {
		t.Fatalf("DELETE: %d", code)
	}
	if code, _, _ := do(t, "GET", base, f.keyA, "", nil); code != 404 {
		t.Fatalf("GET after DELETE: %d", code)
	}
}

// TestWebhookProductionModeNeedsHTTPS: in production mode an http endpoint is refused.
func TestWebhookProductionModeNeedsHTTPS(t *testing.T) {
	srv := testserver.Start(t, testserver.WithConfig(func(c *config.Config) { c.Mode = "production"; c.WebhookAllowedHosts = "" }))
	_, key := srv.NewClient(t, "prod")
	if code, _, raw := do(t, "PUT", srv.BaseURL+"/v1/webhooks", key, `{"url":"http://example.com/hook"}`, nil); code != 400 || !strings.Contains(string(raw), "https") {
		t.Fatalf("http endpoint in production: %d %s", code, raw)
	}
	if code, _, raw := do(t, "PUT", srv.BaseURL+"/v1/webhooks", key, `{"url":"https://127.0.0.1/hook"}`, nil); code != 400 {
		t.Fatalf("loopback endpoint in production: %d %s", code, raw)
	}
	if code, _, raw := do(t, "PUT", srv.BaseURL+"/v1/webhooks", key, `{"url":"https://hooks.example.com/kyc"}`, nil); code != 200 {
		t.Fatalf("public https endpoint: %d %s", code, raw)
	}
}

// TestWebhookRetriesThenRedeliver: an endpoint that is down gets the event after retries once it is up again;
// one that stays down ends failed, visible in the log, and a redelivery brings it (same id) once it is up.
func TestWebhookRetriesThenRedeliver(t *testing.T) {
	srv := testserver.Start(t, testserver.WithWorkers())
	_, key := srv.NewClient(t, "retry")
	rcv := webhooktest.New(t, webhookSecret)
	putWebhook(t, srv, key, rcv.URL, webhookSecret)
	rcv.Respond(http.StatusServiceUnavailable, 0)
	docs, err := kycdocs.Write(filepath.Join(t.TempDir(), "d"), 300, "seulgi.jpg", "tzuyu.jpg") // to review: verify re-runs
	if err != nil {
		t.Fatal(err)
	}
	sid := initiateAndUpload(t, srv, key, "retry-user", docs)

	time.Sleep(1200 * time.Millisecond) // attempts 1 and 2 fail (schedule 0.5 s, 1 s, 2 s)
	rcv.Respond(http.StatusOK, 0)
	first := rcv.WaitFor(t, 10*time.Second, webhooktest.Event("kyc.documents_uploaded", sid))
	list := waitDelivered(t, srv, key, 1, 20*time.Second)
	var attempts float64
	for _, d := range list {
		if m := d.(map[string]any); m["event"] == "kyc.documents_uploaded" {
			attempts = m["attempts"].(float64)
		}
	}
	if attempts < 2 {
		t.Errorf("documents_uploaded delivered after %v attempts, want retries first", attempts)
	}

	// Now the endpoint stays down for the whole schedule: the next event fails for good.
	waitForOutcome(t, srv, key, sid, 90*time.Second)
	rcv.WaitFor(t, 20*time.Second, webhooktest.Event("kyc.verification_completed", sid))
	rcv.Respond(http.StatusInternalServerError, 0)
	if code, _, raw := do(t, "POST", srv.BaseURL+"/v1/kyc/verify", key, `{"kycSessionId":"`+sid+`"}`, nil); code != 200 {
		t.Fatalf("verify: %d %s", code, raw)
	}
	var failedID string
	for deadline := time.Now().Add(30 * time.Second); failedID == "" && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		_, body, _ := do(t, "GET", srv.BaseURL+"/v1/webhooks/deliveries?status=failed", key, "", nil)
		if l, _ := body["deliveries"].([]any); len(l) > 0 {
			m := l[0].(map[string]any)
			failedID = m["id"].(string)
			if m["attempts"] != float64(4) || m["responseCode"] != float64(500) {
				t.Errorf("failed delivery: %v", m)
			}
		}
	}
	if failedID == "" {
		t.Fatal("no failed delivery after the whole retry schedule")
	}
	rcv.Respond(http.StatusOK, 0)
	if code, _, raw := do(t, "POST", srv.BaseURL+"/v1/webhooks/deliveries/"+failedID+"/redeliver", key, `{}`, nil); code != 200 {
		t.Fatalf("redeliver: %d %s", code, raw)
	}
	d := rcv.WaitFor(t, 10*time.Second, func(d webhooktest.Delivery) bool { return d.Payload["id"] == failedID })
	if len(d.Problems) > 0 || first.Payload["id"] == failedID {
		t.Fatalf("redelivery: %v", d.Problems)
	}
}
