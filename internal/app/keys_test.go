package app_test

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestKeyManagement: the portal's keys as an API: create (shown once), list, rotate, revoke, each audited;
// revocation takes effect at once; a key cannot revoke itself; a sandbox key manages only sandbox keys.
func TestKeyManagement(t *testing.T) {
	srv := testserver.Start(t)
	clientA, live := srv.NewClient(t, "Acme Lending")
	_, admin := srv.NewAdmin(t, "reviewer")

	code, created, raw := do(t, "POST", srv.BaseURL+"/v1/keys", live, `{"environment":"test","name":"CI"}`, nil)
	if code != 201 {
		t.Fatalf("create: %d %s", code, raw)
	}
	testKey := created["apiKey"].(string)
	meta := created["key"].(map[string]any)
	if !strings.HasPrefix(testKey, "kyc_test_") || !strings.HasPrefix(testKey, meta["prefix"].(string)) ||
		meta["environment"] != "test" || meta["name"] != "CI" || meta["current"] != false || meta["revokedAt"] != nil {
		t.Fatalf("created key: %s", raw)
	}
	testID := meta["id"].(string)
	if n := sqlInt(t, srv, `SELECT count(*) FROM api_keys WHERE strpos(row_to_json(api_keys)::text, $1) > 0`, testKey); n != 0 {
		t.Errorf("the key itself is stored")
	}
	// Listing: the live key sees both, marked current; the test key sees only test keys; never a key itself.
	listed := getJSON(t, srv.BaseURL+"/v1/keys", live)["keys"].([]any)
	if len(listed) != 2 || strings.Contains(mustMarshal(t, listed), testKey) {
		t.Fatalf("list: %v", listed)
	}
	for _, k := range listed {
		k := k.(map[string]any)
		if (k["environment"] == "live") != (k["current"] == true) {
			t.Errorf("current flag: %v", k)
		}
	}
	if got := getJSON(t, srv.BaseURL+"/v1/keys", testKey)["keys"].([]any); len(got) != 1 || got[0].(map[string]any)["id"] != testID {
		t.Errorf("test key's list: %v", got)
	}
	liveID := sqlString(t, srv, `SELECT id::text FROM api_keys WHERE client_id = $1 AND environment = 'live'`, clientA)
	for _, tc := range []struct {
		name, method, path, key, body string
		want                          int
		msg                           string
	}{
		{"test key creates a live key", "POST", "/v1/keys", testKey, `{"environment":"live"}`, 403, "test (sandbox) key"},
		{"test key revokes a live key", "DELETE", "/v1/keys/" + liveID, testKey, "", 403, "test (sandbox) key"},
		{"key revokes itself", "DELETE", "/v1/keys/" + liveID, live, "", 400, "cannot revoke itself"},
		{"unknown environment", "POST", "/v1/keys", live, `{"environment":"prod"}`, 400, "environment"},
		{"control characters in the name", "POST", "/v1/keys", live, `{"environment":"test","name":"a\nb"}`, 400, "name"},
		{"unknown key", "DELETE", "/v1/keys/00000000-0000-4000-8000-000000000000", live, "", 404, "not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, raw := do(t, tc.method, srv.BaseURL+tc.path, tc.key, tc.body, nil)
			if code != tc.want || !strings.Contains(checkErrorBody(t, code, raw), tc.msg) {
				t.Fatalf("%d %s, want %d with %q", code, raw, tc.want, tc.msg)
			}
		})
	}
	// Rotate over gRPC: a new key, the old one revoked at once.
	rot, err := kycv1.NewKeyServiceClient(srv.Dial(t)).RotateApiKey(withKey(live), &kycv1.RotateApiKeyRequest{KeyId: testID})
	if err != nil || rot.GetRevoked().GetRevokedAt() == nil || rot.GetKey().GetName() != "CI" || rot.GetKey().GetEnvironment() != "test" {
		t.Fatalf("rotate: %v %v", rot, err)
	}
	if code, _, _ := do(t, "GET", srv.BaseURL+"/v1/keys", testKey, "", nil); code != 401 {
		t.Errorf("rotated-away key still works: %d", code)
	}
	newTest := rot.GetApiKey()
	if code, _, raw := do(t, "GET", srv.BaseURL+"/v1/keys", newTest, "", nil); code != 200 {
		t.Fatalf("new key: %d %s", code, raw)
	}
	// The sandbox key revokes a sandbox key: at once, and idempotent.
	second := postJSON(t, srv.BaseURL+"/v1/keys", newTest, `{"environment":"test"}`, nil)
	secondID := second["key"].(map[string]any)["id"].(string)
	for i := 0; i < 2; i++ {
		code, out, raw := do(t, "DELETE", srv.BaseURL+"/v1/keys/"+secondID, newTest, "", nil)
		if code != 200 || out["key"].(map[string]any)["revokedAt"] == nil {
			t.Fatalf("revoke #%d: %d %s", i+1, code, raw)
		}
	}
	if code, _, _ := do(t, "GET", srv.BaseURL+"/v1/keys", second["apiKey"].(string), "", nil); code != 401 {
		t.Errorf("revoked key still works: %d", code)
	}
	if code, _, raw := do(t, "POST", srv.BaseURL+"/v1/keys/"+secondID+"/rotate", newTest, `{}`, nil); code != 400 {
		t.Errorf("rotate a revoked key: %d %s", code, raw)
	}
	// Every change is in the audit log, with the key that made it.
	var actions []string
	for _, e := range auditEntries(t, srv, admin, url.Values{"clientId": {clientA}}) {
		actions = append(actions, e["action"].(string))
		if e["actorType"] != "client" || e["keyId"] == "" || e["ip"] != "127.0.0.1" {
			t.Errorf("entry %v", e)
		}
	}
	want := "api_key.revoked,api_key.created,api_key.rotated,api_key.created"
	if strings.Join(actions, ",") != want {
		t.Errorf("audit actions %v, want %s", actions, want)
	}
}

// TestSandboxEnvironments: test and live keys of one client see only their own environment's sessions, and
// each environment has its own webhook endpoint and delivery log: a sandbox session's events are never
// recorded for the live endpoint.
func TestSandboxEnvironments(t *testing.T) {
	srv := testserver.Start(t)
	_, live := srv.NewClient(t, "Acme Lending")
	_, admin := srv.NewAdmin(t, "reviewer")
	test := postJSON(t, srv.BaseURL+"/v1/keys", live, `{"environment":"test"}`, nil)["apiKey"].(string)
	liveURL, testURL := newIdleEndpoint(t), newIdleEndpoint(t)
	putWebhook(t, srv, live, liveURL, webhookSecret)
	if code, _, _ := do(t, "GET", srv.BaseURL+"/v1/webhooks", test, "", nil); code != 404 {
		t.Errorf("the test key sees the live endpoint: %d", code)
	}
	putWebhook(t, srv, test, testURL, webhookSecret)
	if got := getJSON(t, srv.BaseURL+"/v1/webhooks", live)["webhook"].(map[string]any)["url"]; got != liveURL {
		t.Errorf("live endpoint became %v", got)
	}
	liveSID := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", live, `{"externalUserId":"same-user"}`, nil)["kycSessionId"].(string)
	testSID := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", test, `{"externalUserId":"same-user"}`, nil)["kycSessionId"].(string)
	for _, tc := range []struct{ key, sid string }{{test, liveSID}, {live, testSID}} {
		if code, _, raw := do(t, "GET", srv.BaseURL+"/v1/kyc/status/"+tc.sid, tc.key, "", nil); code != 404 {
			t.Errorf("other environment's session: %d %s", code, raw)
		}
	}
	if code, _, _ := do(t, "GET", srv.BaseURL+"/v1/kyc/status/"+liveSID, live, "", nil); code != 200 {
		t.Errorf("live session superseded or hidden by the sandbox one")
	}
	for _, sid := range []string{liveSID, testSID} {
		intoReview(t, srv, sid)
		postJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid+"/approve", admin, `{}`, nil)
	}
	if env := sqlString(t, srv, `SELECT environment FROM webhook_deliveries WHERE session_id = $1`, testSID); env != "test" {
		t.Errorf("sandbox delivery environment %s", env)
	}
	for _, tc := range []struct{ key, sees, hidden string }{{live, liveSID, testSID}, {test, testSID, liveSID}} {
		raw := mustMarshal(t, getJSON(t, srv.BaseURL+"/v1/webhooks/deliveries", tc.key))
		if !strings.Contains(raw, tc.sees) || strings.Contains(raw, tc.hidden) {
			t.Errorf("delivery log %s", raw)
		}
	}
	reviews := mustMarshal(t, getJSON(t, srv.BaseURL+"/v1/admin/reviews?status=VERIFIED&environment=test", admin))
	if !strings.Contains(reviews, testSID) || strings.Contains(reviews, liveSID) {
		t.Errorf("environment filter: %s", reviews)
	}
}

// TestAuditLogAppendOnly: no endpoint changes an entry, and the database itself refuses updates, deletes and
// truncation of the table.
func TestAuditLogAppendOnly(t *testing.T) {
	srv := testserver.Start(t)
	_, live := srv.NewClient(t, "Acme Lending")
	_, admin := srv.NewAdmin(t, "reviewer")
	postJSON(t, srv.BaseURL+"/v1/keys", live, `{"environment":"test"}`, nil)
	entries := auditEntries(t, srv, admin, nil)
	if len(entries) == 0 {
		t.Fatal("no audit entries")
	}
	id := entries[0]["id"].(string)
	before := sqlString(t, srv, `SELECT string_agg(row_to_json(audit_log)::text, ';' ORDER BY id) FROM audit_log`)
	for _, m := range []string{"POST", "PUT", "PATCH", "DELETE"} {
		for _, path := range []string{"/v1/admin/audit", "/v1/admin/audit/" + id} {
			for _, key := range []string{admin, live} {
				if code, _, raw := do(t, m, srv.BaseURL+path, key, `{"action":"forged"}`, nil); code != 404 && code != 405 && code != 403 {
					t.Errorf("%s %s: %d %s", m, path, code, raw)
				}
			}
		}
	}
	for _, q := range []string{
		`UPDATE audit_log SET action = 'forged' WHERE id = ` + id,
		`DELETE FROM audit_log WHERE id = ` + id,
		`TRUNCATE audit_log`,
	} {
		_, err := srv.Store().Pool().Exec(context.Background(), q)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "42501" || !strings.Contains(pgErr.Message, "append-only") {
			t.Errorf("%s: %v, want the append-only refusal", q, err)
		}
	}
	if after := sqlString(t, srv, `SELECT string_agg(row_to_json(audit_log)::text, ';' ORDER BY id) FROM audit_log`); after != before {
		t.Errorf("audit log changed:\n%s\n%s", before, after)
	}
	// Paging walks every entry once, newest first.
	for i := 0; i < 3; i++ {
		postJSON(t, srv.BaseURL+"/v1/keys", live, `{"environment":"test"}`, nil)
	}
	var ids []int64
	token := ""
	for {
		body := getJSON(t, srv.BaseURL+"/v1/admin/audit?pageSize=2&pageToken="+url.QueryEscape(token), admin)
		for _, e := range body["entries"].([]any) {
			n, err := strconv.ParseInt(e.(map[string]any)["id"].(string), 10, 64)
			if err != nil || len(ids) > 0 && n >= ids[len(ids)-1] {
				t.Fatalf("entry id %v after %v (newest first)", e, ids)
			}
			ids = append(ids, n)
		}
		if token = body["nextPageToken"].(string); token == "" {
			break
		}
	}
	if total := sqlInt(t, srv, `SELECT count(*) FROM audit_log`); len(ids) != total || total != 4 {
		t.Errorf("paged %d of %d entries", len(ids), total)
	}
}
