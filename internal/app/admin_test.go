package app_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

// TestAdminReviewQueue: the queue across clients, oldest first, filtered by client, status and date, paged.
func TestAdminReviewQueue(t *testing.T) {
	srv := testserver.Start(t)
	clientA, keyA := srv.NewClient(t, "Acme Lending")
	clientB, keyB := srv.NewClient(t, "Bharat Pay")
	_, admin := srv.NewAdmin(t, "reviewer")
	var ids []string
	for i, key := range []string{keyA, keyA, keyB} {
		sid := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", key, `{"externalUserId":"queue-`+string(rune('a'+i))+`"}`, nil)["kycSessionId"].(string)
		intoReview(t, srv, sid)
		ids = append(ids, sid)
	}
	pending := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", keyA, `{"externalUserId":"still-pending"}`, nil)["kycSessionId"].(string)

	list := func(q string) ([]string, string) {
		body := getJSON(t, srv.BaseURL+"/v1/admin/reviews?"+q, admin)
		var got []string
		for _, s := range body["sessions"].([]any) {
			got = append(got, s.(map[string]any)["kycSessionId"].(string))
		}
		return got, body["nextPageToken"].(string)
	}
	all := getJSON(t, srv.BaseURL+"/v1/admin/reviews", admin)["sessions"].([]any)
	second := all[1].(map[string]any)
	if second["clientName"] != "Acme Lending" || second["clientId"] != clientA || second["environment"] != "live" ||
		second["reviewReasonCodes"].([]any)[0] != "face_mismatch" || second["status"] != "PENDING_REVIEW" {
		t.Errorf("summary %v", second)
	}
	cases := []struct {
		name, query string
		want        []string
	}{
		{"queue oldest first", "", ids},
		{"one client", "clientId=" + clientB, ids[2:]},
		{"created at or after", "createdAfter=" + url.QueryEscape(second["createdAt"].(string)), ids[1:]},
		{"created before", "createdBefore=" + url.QueryEscape(second["createdAt"].(string)), ids[:1]},
		{"another status", "status=PENDING", []string{pending}},
		{"sandbox only", "environment=test", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := list(tc.query)
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	var paged []string
	token := ""
	for i := 0; i < 5; i++ {
		got, next := list("pageSize=1&pageToken=" + url.QueryEscape(token))
		paged = append(paged, got...)
		if token = next; token == "" {
			break
		}
	}
	if strings.Join(paged, ",") != strings.Join(ids, ",") {
		t.Errorf("paged %v, want %v", paged, ids)
	}
	for _, q := range []string{"pageToken=garbage", "clientId=nope", "status=NOPE", "pageSize=1000"} {
		if code, _, raw := do(t, "GET", srv.BaseURL+"/v1/admin/reviews?"+q, admin, "", nil); code != 400 {
			t.Errorf("%s: %d %s", q, code, raw)
		}
	}
}

// TestAdminReviewView: everything a reviewer needs, and the decrypted documents over both transports.
func TestAdminReviewView(t *testing.T) {
	srv := testserver.Start(t)
	clientA, keyA := srv.NewClient(t, "Acme Lending")
	_, admin := srv.NewAdmin(t, "reviewer")
	sid, files := uploadedSession(t, srv, keyA, "view-1")
	intoReview(t, srv, sid)

	v := getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid, admin)
	sess := v["session"].(map[string]any)
	checks := map[string][2]any{
		"status":        {sess["status"], "PENDING_REVIEW"},
		"fullName":      {sess["extractedData"].(map[string]any)["fullName"], "PRIYA KUMARI"},
		"faceMatch":     {sess["verificationScores"].(map[string]any)["faceMatchScore"], 0.31},
		"reason":        {v["reviewReasons"].([]any)[0].(map[string]any)["code"], "face_mismatch"},
		"ocr":           {v["ocrResult"].(map[string]any)["pan"].(map[string]any)["name"].(map[string]any)["value"], "PRIYA KUMARI"},
		"client":        {v["clientId"], clientA},
		"clientName":    {v["clientName"], "Acme Lending"},
		"email":         {v["email"], "priya@example.com"},
		"phone":         {v["phone"], "+919876543210"},
		"metadata":      {v["metadata"].(map[string]any)["crm"], "lead-4711"},
		"documents":     {len(v["documents"].([]any)), 4},
		"firstEvent":    {v["events"].([]any)[0].(map[string]any)["kind"], "kyc.initiated"},
		"environment":   {v["environment"], "live"},
		"not erased":    {v["erasedAt"], nil},
		"externalUser":  {sess["externalUserId"], "view-1"},
		"documentsKept": {v["documentsErasedAt"], nil},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %v, want %v", name, c[0], c[1])
		}
	}
	for _, d := range v["documents"].([]any) {
		doc := d.(map[string]any)
		typ := strings.TrimPrefix(doc["documentType"].(string), "DOCUMENT_TYPE_")
		want := files[typ]
		t.Run("REST "+typ, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.BaseURL+doc["url"].(string), nil)
			req.Header.Set("X-API-Key", admin)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || !bytes.Equal(got, want) {
				t.Fatalf("%d, %d bytes, want %d bytes of the upload", resp.StatusCode, len(got), len(want))
			}
			if resp.Header.Get("Content-Type") != doc["contentType"] || resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("headers %v", resp.Header)
			}
		})
		t.Run("gRPC "+typ, func(t *testing.T) {
			stream, err := kycv1.NewAdminServiceClient(srv.Dial(t)).GetDocument(withKey(admin), &kycv1.GetDocumentRequest{
				KycSessionId: sid, DocumentType: kycv1.DocumentType(kycv1.DocumentType_value[doc["documentType"].(string)])})
			if err != nil {
				t.Fatal(err)
			}
			var got []byte
			first, err := stream.Recv()
			if err != nil || first.GetInfo().GetSizeBytes() != int64(len(want)) {
				t.Fatalf("first message %v, %v", first, err)
			}
			for {
				msg, err := stream.Recv()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, msg.GetChunk()...)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%d bytes, want the %d uploaded", len(got), len(want))
			}
		})
	}
	for _, tc := range []struct {
		name, path, key string
		want            int
	}{
		{"client key", "/v1/admin/kyc/" + sid + "/documents/PAN_CARD", keyA, 403},
		{"no key", "/v1/admin/kyc/" + sid + "/documents/PAN_CARD", "", 401},
		{"unknown type", "/v1/admin/kyc/" + sid + "/documents/SELFIE", admin, 400},
		{"bad session id", "/v1/admin/kyc/nope/documents/PAN_CARD", admin, 400},
		{"unknown session", "/v1/admin/kyc/00000000-0000-4000-8000-000000000000/documents/PAN_CARD", admin, 404},
		{"client key on the view", "/v1/admin/kyc/" + sid, keyA, 403},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, raw := do(t, "GET", srv.BaseURL+tc.path, tc.key, "", nil)
			if code != tc.want {
				t.Fatalf("%d %s, want %d", code, raw, tc.want)
			}
			checkErrorBody(t, code, raw)
		})
	}
}

// TestAdminDecisions: approve and reject over both transports, the webhook in the outbox and the audit entry
// with the decision, and the edge's mapping of a refused decision (400 with the guide's body). Which decisions
// the state machine refuses is kyc's rule, tested in kyc.TestDecide; here one case of each message suffices.
func TestAdminDecisions(t *testing.T) {
	srv := testserver.Start(t)
	_, keyA := srv.NewClient(t, "Acme Lending")
	adminID, admin := srv.NewAdmin(t, "reviewer")
	rcv := newIdleEndpoint(t)
	putWebhook(t, srv, keyA, rcv, webhookSecret)
	var ids []string
	for i := 0; i < 2; i++ {
		sid := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", keyA, `{"externalUserId":"decide-`+string(rune('a'+i))+`"}`, nil)["kycSessionId"].(string)
		intoReview(t, srv, sid)
		ids = append(ids, sid)
	}
	pending := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", keyA, `{"externalUserId":"decide-pending"}`, nil)["kycSessionId"].(string)

	out := postJSON(t, srv.BaseURL+"/v1/admin/kyc/"+ids[0]+"/approve", admin, `{"reason":"Photo matches on second look."}`, nil)
	if out["session"].(map[string]any)["status"] != "VERIFIED" {
		t.Fatalf("approve: %v", out)
	}
	resp, err := kycv1.NewAdminServiceClient(srv.Dial(t)).RejectKyc(withKey(admin), &kycv1.RejectKycRequest{
		KycSessionId: ids[1], Reason: "Selfie is a photo of a screen."})
	if err != nil || resp.GetSession().GetStatus() != kycv1.KycStatus_REJECTED {
		t.Fatalf("reject: %v %v", resp, err)
	}
	for _, tc := range []struct {
		name, path, body string
		want             int
		msg              string
	}{
		{"approve a verified session", ids[0] + "/approve", `{}`, 400, "already decided (VERIFIED)"},
		{"approve while pending", pending + "/approve", `{}`, 400, "not awaiting a decision"},
		{"reject without a reason", pending + "/reject", `{}`, 400, "reason"},
		{"unknown session", "00000000-0000-4000-8000-000000000000/approve", `{}`, 404, "not found"},
		{"client key", pending + "/approve", `{}`, 403, "not allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key := admin
			if tc.name == "client key" {
				key = keyA
			}
			code, _, raw := do(t, "POST", srv.BaseURL+"/v1/admin/kyc/"+tc.path, key, tc.body, nil)
			if code != tc.want || !strings.Contains(checkErrorBody(t, code, raw), tc.msg) {
				t.Fatalf("%d %s, want %d with %q", code, raw, tc.want, tc.msg)
			}
		})
	}
	if st := getJSON(t, srv.BaseURL+"/v1/kyc/status/"+ids[0], keyA)["status"]; st != "VERIFIED" {
		t.Errorf("client sees %v", st)
	}
	for i, want := range []string{"VERIFIED", "REJECTED"} {
		body := storedDeliveryBody(t, srv, ids[i], "kyc.status_changed")
		if !strings.Contains(body, `"status":"`+want+`"`) {
			t.Errorf("status_changed body %s lacks %s", body, want)
		}
	}
	entries := auditEntries(t, srv, admin, url.Values{"targetId": {ids[0]}, "action": {"kyc.approved"}})
	if len(entries) != 1 {
		t.Fatalf("audit entries of %s: %v", ids[0], entries)
	}
	e := entries[0]
	d := e["detail"].(map[string]any)
	if e["action"] != "kyc.approved" || e["actorType"] != "admin" || e["actorId"] != adminID || e["keyId"] == "" ||
		e["ip"] != "127.0.0.1" || e["requestId"] == "" || d["reason"] != "Photo matches on second look." ||
		d["from"] != "PENDING_REVIEW" || d["to"] != "VERIFIED" {
		t.Errorf("audit entry %v", e)
	}
	events := getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+ids[1], admin)["events"].([]any)
	last := events[len(events)-1].(map[string]any)
	if last["kind"] != "kyc.rejected" || last["detail"].(map[string]any)["reason"] != "Selfie is a photo of a screen." {
		t.Errorf("last event %v", last)
	}
}

// TestConcurrentDecisionsOneWins: reviewers racing to approve and reject the same session, over both
// transports: exactly one decision, one history entry, one audit entry and one webhook per session.
func TestConcurrentDecisionsOneWins(t *testing.T) {
	srv := testserver.Start(t)
	_, keyA := srv.NewClient(t, "Acme Lending")
	_, admin1 := srv.NewAdmin(t, "reviewer one")
	_, admin2 := srv.NewAdmin(t, "reviewer two")
	putWebhook(t, srv, keyA, newIdleEndpoint(t), webhookSecret)
	client := kycv1.NewAdminServiceClient(srv.Dial(t))
	const racers = 8
	for round := 0; round < 4; round++ {
		sid := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", keyA, `{"externalUserId":"race-`+string(rune('a'+round))+`"}`, nil)["kycSessionId"].(string)
		intoReview(t, srv, sid)
		type result struct {
			ok      bool
			verdict string
			failure string
		}
		results := make(chan result, racers)
		start := make(chan struct{})
		for i := 0; i < racers; i++ {
			go func(i int) {
				<-start
				key := []string{admin1, admin2}[i%2]
				approve := i%4 < 2
				verdict := map[bool]string{true: "VERIFIED", false: "REJECTED"}[approve]
				if i%3 == 0 { // gRPC
					var err error
					if approve {
						_, err = client.ApproveKyc(withKey(key), &kycv1.ApproveKycRequest{KycSessionId: sid})
					} else {
						_, err = client.RejectKyc(withKey(key), &kycv1.RejectKycRequest{KycSessionId: sid, Reason: "race"})
					}
					if err != nil && statusOf(err).Code() != codes.FailedPrecondition {
						results <- result{failure: err.Error()}
						return
					}
					results <- result{ok: err == nil, verdict: verdict}
					return
				}
				path := map[bool]string{true: "/approve", false: "/reject"}[approve]
				code, _, raw := doQuiet(srv.BaseURL+"/v1/admin/kyc/"+sid+path, key, `{"reason":"race"}`)
				if code != 200 && (code != 400 || !strings.Contains(string(raw), "already decided")) {
					results <- result{failure: string(raw)}
					return
				}
				results <- result{ok: code == 200, verdict: verdict}
			}(i)
		}
		close(start)
		wins, winner := 0, ""
		for i := 0; i < racers; i++ {
			r := <-results
			if r.failure != "" {
				t.Fatalf("round %d: unexpected answer %s", round, r.failure)
			}
			if r.ok {
				wins++
				winner = r.verdict
			}
		}
		if wins != 1 {
			t.Fatalf("round %d: %d decisions succeeded, want exactly 1", round, wins)
		}
		checks := map[string][2]int{
			"history": {sqlInt(t, srv, `SELECT count(*) FROM session_events WHERE session_id = $1 AND kind IN ('kyc.approved', 'kyc.rejected')`, sid), 1},
			"audit":   {sqlInt(t, srv, `SELECT count(*) FROM audit_log WHERE target_id = $1 AND action IN ('kyc.approved', 'kyc.rejected')`, sid), 1},
			"webhook": {sqlInt(t, srv, `SELECT count(*) FROM webhook_deliveries WHERE session_id = $1 AND event = 'kyc.status_changed'`, sid), 1},
		}
		for name, c := range checks {
			if c[0] != c[1] {
				t.Errorf("round %d: %s rows %d, want %d", round, name, c[0], c[1])
			}
		}
		if got := sqlString(t, srv, `SELECT status FROM kyc_sessions WHERE id = $1`, sid); got != winner {
			t.Errorf("round %d: status %s, but the winner decided %s", round, got, winner)
		}
	}
}

// doQuiet is do without t (for goroutines): status and body, 0 on a transport error.
func doQuiet(rawURL, key, body string) (int, map[string]any, []byte) {
	req, err := http.NewRequestWithContext(context.Background(), "POST", rawURL, strings.NewReader(body))
	if err != nil {
		return 0, nil, []byte(err.Error())
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, []byte(err.Error())
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, decodeMaybe(raw), raw
}

// newIdleEndpoint is a verifying webhook endpoint's URL (deliveries run only in tests with workers).
func newIdleEndpoint(t *testing.T) string { return webhooktest.New(t, webhookSecret).URL }

// TestOpenAPIDocumentsAccessRoutes: the admin, key and erasure routes are in the served spec, the document
// bridge included.
func TestOpenAPIDocumentsAccessRoutes(t *testing.T) {
	srv := testserver.Start(t)
	_, spec, _ := do(t, "GET", srv.HTTPURL+"/api/openapi.json", "", "", nil)
	paths := spec["paths"].(map[string]any)
	for path, method := range map[string]string{
		"/api/v1/admin/reviews":                                     "get",
		"/api/v1/admin/kyc/{kycSessionId}":                          "get",
		"/api/v1/admin/kyc/{kycSessionId}/approve":                  "post",
		"/api/v1/admin/kyc/{kycSessionId}/reject":                   "post",
		"/api/v1/admin/kyc/{kycSessionId}/documents/{documentType}": "get",
		"/api/v1/admin/audit":                                       "get",
		"/api/v1/keys":                                              "post",
		"/api/v1/keys/{keyId}":                                      "delete",
		"/api/v1/keys/{keyId}/rotate":                               "post",
		"/api/v1/kyc/{kycSessionId}":                                "delete",
	} {
		item, _ := paths[path].(map[string]any)
		if op, _ := item[method].(map[string]any); op == nil || op["summary"] == nil {
			t.Errorf("%s %s is not documented", method, path)
		}
	}
}
