package app_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestEraseSession: DELETE /v1/kyc/{id} removes the session's objects from S3 and its personal data from every
// table (checked by querying both), leaves a tombstone that reads return, refuses further changes, and is
// audited; a second erasure returns the tombstone again. Another session of the client is untouched.
func TestEraseSession(t *testing.T) {
	srv := testserver.Start(t)
	clientA, keyA := srv.NewClient(t, "Acme Lending")
	adminID, admin := srv.NewAdmin(t, "reviewer")
	putWebhook(t, srv, keyA, newIdleEndpoint(t), webhookSecret)
	sid, _ := uploadedSession(t, srv, keyA, "erase-me")
	intoReview(t, srv, sid)
	// A decision leaves a webhook delivery (whose body holds the extracted data) and history with a reason.
	postJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid+"/reject", admin, `{"reason":"Name differs from PAN."}`, nil)
	keep, _ := uploadedSession(t, srv, keyA, "keep-me")
	postJSON(t, srv.BaseURL+"/v1/kyc/initiate", keyA, `{"externalUserId":"erase-me-too"}`, map[string]string{"Idempotency-Key": "idem-1"})
	idem := sqlString(t, srv, `SELECT session_id::text FROM idempotency_keys WHERE key = 'idem-1'`)

	objects := objectsOf(t, srv, sid)
	if len(objects) != 4 || len(objectsOf(t, srv, keep)) != 4 {
		t.Fatalf("before: %d objects of the session, want 4", len(objects))
	}
	code, out, raw := do(t, "DELETE", srv.BaseURL+"/v1/kyc/"+sid, keyA, "", map[string]string{"X-Forwarded-For": "203.0.113.9"})
	if code != 200 || out["kycSessionId"] != sid || out["status"] != "REJECTED" || out["documentsDeleted"] != float64(4) ||
		out["erasedAt"] == nil {
		t.Fatalf("erase: %d %s", code, raw)
	}
	if left := objectsOf(t, srv, sid); len(left) != 0 {
		t.Errorf("objects left in S3: %v", left)
	}
	if len(objectsOf(t, srv, keep)) != 4 {
		t.Errorf("the other session lost objects")
	}
	// The database keeps no personal data of the session.
	for name, q := range map[string]string{
		"session row": `SELECT count(*) FROM kyc_sessions WHERE id = $1 AND external_user_id = '' AND email IS NULL
			AND phone IS NULL AND metadata = '{}' AND extracted_data IS NULL AND ocr_result IS NULL
			AND review_reasons IS NULL AND face_match_score IS NULL AND liveness_score IS NULL AND erased_at IS NOT NULL
			AND status = 'REJECTED'`,
		"no documents":      `SELECT 1 - count(*) FROM documents WHERE session_id = $1`,
		"no event details":  `SELECT 1 - count(*) FROM session_events WHERE session_id = $1 AND detail <> '{}'`,
		"no deliveries":     `SELECT 1 - count(*) FROM webhook_deliveries WHERE session_id = $1`,
		"an erasure event":  `SELECT count(*) FROM session_events WHERE session_id = $1 AND kind = 'kyc.erased'`,
		"nothing to find":   `SELECT 1 - count(*) FROM kyc_sessions WHERE id = $1 AND (row_to_json(kyc_sessions)::text LIKE '%erase-me%' OR row_to_json(kyc_sessions)::text LIKE '%PRIYA%' OR row_to_json(kyc_sessions)::text LIKE '%priya@%')`,
		"events keep times": `SELECT least(count(*), 1) FROM session_events WHERE session_id = $1 AND kind = 'kyc.document_uploaded'`,
	} {
		if n := sqlInt(t, srv, q, sid); n != 1 {
			t.Errorf("%s: check failed (%d)", name, n)
		}
	}
	if n := sqlInt(t, srv, `SELECT count(*) FROM kyc_sessions WHERE id = $1 AND email IS NOT NULL`, keep); n != 1 {
		t.Errorf("the other session lost its data")
	}
	// Reads return the tombstone.
	st := getJSON(t, srv.BaseURL+"/v1/kyc/status/"+sid, keyA)
	if st["status"] != "REJECTED" || st["externalUserId"] != "" || st["extractedData"] != nil || st["verificationScores"] != nil {
		t.Errorf("status after erasure: %v", st)
	}
	view := getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid, admin)
	if view["erasedAt"] == nil || view["email"] != "" || view["ocrResult"] != nil ||
		len(view["reviewReasons"].([]any)) != 0 || len(view["documents"].([]any)) != 0 ||
		len(view["metadata"].(map[string]any)) != 0 {
		t.Errorf("admin view after erasure: %v", view)
	}
	if code, _, raw := do(t, "GET", srv.BaseURL+"/v1/admin/kyc/"+sid+"/documents/PAN_CARD", admin, "", nil); code != 400 ||
		!strings.Contains(string(raw), "erased") {
		t.Errorf("document of an erased session: %d %s", code, raw)
	}
	// Changes are refused.
	code, _, raw = uploadREST(t, srv.BaseURL, keyA, kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD,
		formPart{name: "kycSessionId", data: []byte(sid)},
		formPart{name: "file", fileName: "pan.jpg", contentType: "image/jpeg", data: images.JPEG(640, 400, 80, 3)})
	if code != 400 || !strings.Contains(string(raw), "erased") {
		t.Errorf("upload to an erased session: %d %s", code, raw)
	}
	if code, _, raw := do(t, "POST", srv.BaseURL+"/v1/kyc/verify", keyA, `{"kycSessionId":"`+sid+`"}`, nil); code != 400 {
		t.Errorf("verify an erased session: %d %s", code, raw)
	}
	// Erasing again: the same tombstone, nothing deleted, no second audit entry.
	code, again, raw := do(t, "DELETE", srv.BaseURL+"/v1/kyc/"+sid, keyA, "", nil)
	if code != 200 || again["erasedAt"] != out["erasedAt"] || again["documentsDeleted"] != float64(0) {
		t.Errorf("second erase: %d %s", code, raw)
	}
	// Erasing an open session (with an idempotency record): the user may start afresh at once.
	if code, _, raw := do(t, "DELETE", srv.BaseURL+"/v1/kyc/"+idem, keyA, "", nil); code != 200 {
		t.Fatalf("erase open session: %d %s", code, raw)
	}
	if n := sqlInt(t, srv, `SELECT count(*) FROM idempotency_keys WHERE session_id = $1`, idem); n != 0 {
		t.Errorf("idempotency record kept")
	}
	fresh := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", keyA, `{"externalUserId":"erase-me-too"}`, map[string]string{"Idempotency-Key": "idem-1"})
	if fresh["kycSessionId"] == idem {
		t.Errorf("the idempotency key replayed an erased session")
	}
	// Audited: who, from where (the connection's address: a client's X-Forwarded-For is not believed), what.
	entries := auditEntries(t, srv, admin, url.Values{"action": {"kyc.erased"}, "clientId": {clientA}})
	if len(entries) != 2 {
		t.Fatalf("erasure audit entries: %v", entries)
	}
	e := entries[1] // newest first: the first erasure is the older one
	if e["targetId"] != sid || e["actorType"] != "client" || e["actorId"] != clientA || e["keyId"] == "" ||
		e["ip"] != "127.0.0.1" || e["detail"].(map[string]any)["documents"] != float64(4) {
		t.Errorf("audit entry %v", e)
	}
	// The reviewer's decision stays in the audit log (the operator's record), and names the reviewer.
	if d := auditEntries(t, srv, admin, url.Values{"targetId": {sid}, "action": {"kyc.rejected"}}); len(d) != 1 ||
		d[0]["actorId"] != adminID {
		t.Errorf("decision entry: %v", d)
	}
}

// objectsOf lists the S3 objects of a session (keys contain the session id).
func objectsOf(t *testing.T, srv *testserver.Server, sid string) []string {
	t.Helper()
	var keys []string
	for obj := range srv.S3.Client.ListObjects(context.Background(), srv.S3.Name, minio.ListObjectsOptions{Recursive: true}) {
		if obj.Err != nil {
			t.Fatal(obj.Err)
		}
		if strings.Contains(obj.Key, sid) {
			keys = append(keys, obj.Key)
		}
	}
	return keys
}
