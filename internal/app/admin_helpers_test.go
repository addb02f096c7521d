package app_test

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"

	"github.com/google/uuid"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/blob/envelope"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// uploadedSession initiates a session (with contact data and metadata, to see them erased) and uploads four
// generated images (the selfie as PNG); without workers it stays DOCUMENTS_UPLOADED. It returns the session
// id and the uploaded bytes by stored document type.
func uploadedSession(t *testing.T, srv *testserver.Server, key, user string) (string, map[string][]byte) {
	t.Helper()
	body := `{"externalUserId":"` + user + `","email":"priya@example.com","phone":"+919876543210",` +
		`"metadata":{"crm":"lead-4711"}}`
	sid := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", key, body, nil)["kycSessionId"].(string)
	files := map[string][]byte{}
	for i, doc := range []struct {
		api    kycv1.DocumentType
		stored string
		data   []byte
		ctype  string
	}{
		{kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD, "PAN_CARD", images.JPEG(640, 400, 80, 11), "image/jpeg"},
		{kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT, "AADHAAR_FRONT", images.JPEG(640, 400, 80, 12), "image/jpeg"},
		{kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK, "AADHAAR_BACK", images.JPEG(640, 400, 80, 13), "image/jpeg"},
		{kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO, "LIVE_PHOTO", images.PNG(400, 400, 14), "image/png"},
	} {
		code, _, raw := uploadREST(t, srv.BaseURL, key, doc.api, fileParts(user, doc.data, "doc"+string(rune('a'+i)), doc.ctype)...)
		if code != 200 {
			t.Fatalf("upload %s: %d %s", doc.stored, code, raw)
		}
		files[doc.stored] = doc.data
	}
	return sid, files
}

// intoReview puts a session where the pipeline would have left it for a reviewer (the pipeline itself runs in
// the tests with workers): PENDING_REVIEW with a reason, scores and read data.
func intoReview(t *testing.T, srv *testserver.Server, sid string) {
	t.Helper()
	_, err := srv.Store().Pool().Exec(context.Background(), `
		UPDATE kyc_sessions SET status = 'PENDING_REVIEW', progress = 100, decided_at = now(),
			face_match_score = 0.31, liveness_score = 0.9,
			extracted_data = '{"panNumber":"ABCPK1234F","fullName":"PRIYA KUMARI","dateOfBirth":"1990-01-15"}',
			ocr_result = '{"pan":{"name":{"value":"PRIYA KUMARI","confidence":0.93}}}',
			review_reasons = '[{"code":"face_mismatch","message":"The selfie does not match the Aadhaar photo."}]'
		WHERE id = $1`, sid)
	if err != nil {
		t.Fatal(err)
	}
}

// getJSON gets a REST resource and decodes a 200 answer.
func getJSON(t *testing.T, rawURL, key string) map[string]any {
	t.Helper()
	status, body, raw := do(t, "GET", rawURL, key, "", nil)
	if status != 200 {
		t.Fatalf("GET %s: %d %s", rawURL, status, raw)
	}
	return body
}

// auditEntries reads the audit log over REST with query filters.
func auditEntries(t *testing.T, srv *testserver.Server, adminKey string, q url.Values) []map[string]any {
	t.Helper()
	body := getJSON(t, srv.BaseURL+"/v1/admin/audit?"+q.Encode(), adminKey)
	var out []map[string]any
	for _, e := range body["entries"].([]any) {
		out = append(out, e.(map[string]any))
	}
	return out
}

// sqlString reads one text value.
func sqlString(t *testing.T, srv *testserver.Server, query string, args ...any) string {
	t.Helper()
	var s string
	if err := srv.Store().Pool().QueryRow(context.Background(), query, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return s
}

func sqlInt(t *testing.T, srv *testserver.Server, query string, args ...any) int {
	t.Helper()
	var n int
	if err := srv.Store().Pool().QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// storedDeliveryBody opens the sealed body stored for a session's delivery of event (webhook bodies are sealed
// with the document keys, bound to the delivery id).
func storedDeliveryBody(t *testing.T, srv *testserver.Server, sessionID, event string) string {
	t.Helper()
	var id uuid.UUID
	var sealed []byte
	if err := srv.Store().Pool().QueryRow(context.Background(), `SELECT id, body FROM webhook_deliveries
		WHERE session_id = $1 AND event = $2`, sessionID, event).Scan(&id, &sealed); err != nil {
		t.Fatalf("delivery of %s: %v", event, err)
	}
	keys, err := envelope.ParseKeyring(srv.Config.BlobMasterKeys)
	if err != nil {
		t.Fatal(err)
	}
	body, err := envelope.Open(keys, sealed, []byte("webhook-body/"+id.String()))
	if err != nil {
		t.Fatalf("open the stored body: %v", err)
	}
	return string(body)
}
