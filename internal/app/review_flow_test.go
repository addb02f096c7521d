package app_test

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

// TestReviewFlowEndToEnd runs the real pipeline: a selfie of someone else lands the session in review; the
// reviewer finds it in the queue, reads what the pipeline found, looks at the selfie through the server, and
// approves; the client's endpoint gets kyc.status_changed, signed and valid. On the same server: a session
// erased while its processing job is queued is never processed, and the retention job deletes the images of
// the decided session once its period has run out.
func TestReviewFlowEndToEnd(t *testing.T) {
	srv := testserver.Start(t, testserver.WithWorkers(), testserver.WithConfig(func(c *config.Config) {
		c.RetentionDays, c.RetentionInterval = 1, time.Second
	}))
	clientA, key := srv.NewClient(t, "Acme Lending")
	adminID, admin := srv.NewAdmin(t, "reviewer")
	rcv := webhooktest.New(t, webhookSecret)
	putWebhook(t, srv, key, rcv.URL, webhookSecret)

	docs, err := kycdocs.Write(filepath.Join(t.TempDir(), "review"), 201, "jimin.jpg", "tzuyu.jpg")
	if err != nil {
		t.Fatal(err)
	}
	sid := initiateAndUpload(t, srv, key, "review-flow", docs)
	// Erased right after its upload, before the pipeline gets to it (or while it runs).
	other, err := kycdocs.Write(filepath.Join(t.TempDir(), "erased"), 202, "jimin.jpg", "jimin2.jpg")
	if err != nil {
		t.Fatal(err)
	}
	erased := initiateAndUpload(t, srv, key, "erased-while-processing", other)
	if code, _, raw := do(t, "DELETE", srv.BaseURL+"/v1/kyc/"+erased, key, "", nil); code != 200 {
		t.Fatalf("erase: %d %s", code, raw)
	}

	if got := waitForOutcome(t, srv, key, sid, 90*time.Second).GetStatus().String(); got != "PENDING_REVIEW" {
		t.Fatalf("status %s, want PENDING_REVIEW (%s)", got, reviewReasons(t, srv, sid))
	}
	queue := getJSON(t, srv.BaseURL+"/v1/admin/reviews", admin)["sessions"].([]any)
	if len(queue) != 1 || queue[0].(map[string]any)["kycSessionId"] != sid ||
		!strings.Contains(mustMarshal(t, queue[0]), "face_mismatch") {
		t.Fatalf("queue %v", queue)
	}
	view := getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid, admin)
	if view["ocrResult"] == nil || view["session"].(map[string]any)["extractedData"].(map[string]any)["panNumber"] != docs.Person.PAN ||
		len(view["documents"].([]any)) != 4 {
		t.Fatalf("review view lacks the pipeline's findings: %v", view)
	}
	selfie := fetch(t, srv.BaseURL+"/v1/admin/kyc/"+sid+"/documents/LIVE_PHOTO", admin)
	if !bytes.Equal(selfie, readFile(t, docs.LivePhoto)) {
		t.Errorf("the selfie served to the reviewer differs from the upload")
	}

	postJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid+"/approve", admin, `{"reason":"Same person: checked against the PAN photo."}`, nil)
	d := rcv.WaitFor(t, 30*time.Second, webhooktest.Event("kyc.status_changed", sid))
	if len(d.Problems) > 0 {
		t.Errorf("status_changed delivery: %v\n%s", d.Problems, d.Body)
	}
	if data := d.Payload["data"].(map[string]any); data["status"] != "VERIFIED" || data["externalUserId"] != "review-flow" {
		t.Errorf("webhook data %v", data)
	}
	if st := getJSON(t, srv.BaseURL+"/v1/kyc/status/"+sid, key)["status"]; st != "VERIFIED" {
		t.Errorf("client sees %v", st)
	}
	if e := auditEntries(t, srv, admin, url.Values{"targetId": {sid}, "action": {"kyc.approved"}}); len(e) != 1 || e[0]["actorId"] != adminID {
		t.Errorf("decision audit: %v", e)
	}
	// The reads are audited too: the case opened, the selfie served, each naming who and from where.
	viewed := auditEntries(t, srv, admin, url.Values{"targetId": {sid}, "action": {"kyc.viewed"}})
	served := auditEntries(t, srv, admin, url.Values{"targetId": {sid}, "action": {"kyc.document_viewed"}})
	if len(viewed) != 1 || len(served) != 1 || served[0]["actorId"] != adminID || served[0]["ip"] != "127.0.0.1" ||
		served[0]["detail"].(map[string]any)["documentType"] != "LIVE_PHOTO" {
		t.Errorf("read audit: viewed %v, served %v", viewed, served)
	}

	// The erased session: its jobs ran out without recording anything, and no verification webhook went out.
	waitUntil(t, 60*time.Second, "the erased session's jobs to finish", func() bool {
		return sqlInt(t, srv, `SELECT count(*) FROM river_job WHERE args->>'session_id' = $1
			AND state NOT IN ('completed', 'discarded', 'cancelled')`, erased) == 0
	})
	if n := sqlInt(t, srv, `SELECT count(*) FROM kyc_sessions WHERE id = $1 AND erased_at IS NOT NULL
		AND extracted_data IS NULL AND ocr_result IS NULL AND face_match_score IS NULL
		AND status IN ('DOCUMENTS_UPLOADED', 'OCR_COMPLETED')`, erased); n != 1 {
		t.Errorf("erased session was processed: %s", sqlString(t, srv, `SELECT row_to_json(kyc_sessions)::text FROM kyc_sessions WHERE id = $1`, erased))
	}
	for _, dl := range rcv.Deliveries() {
		if strings.Contains(string(dl.Body), erased) && strings.Contains(string(dl.Body), "verification_completed") {
			t.Errorf("verification webhook for an erased session: %s", dl.Body)
		}
	}

	// Retention: the decision is two days old now; the job deletes the images, keeps the rest, and says so.
	if _, err := srv.Store().Pool().Exec(t.Context(), `UPDATE kyc_sessions SET decided_at = now() - interval '2 days' WHERE id = $1`, sid); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, 30*time.Second, "retention to delete the documents", func() bool {
		return sqlInt(t, srv, `SELECT count(*) FROM documents WHERE session_id = $1`, sid) == 0
	})
	if left := objectsOf(t, srv, sid); len(left) != 0 {
		t.Errorf("objects left after retention: %v", left)
	}
	after := getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid, admin)
	// the data read from the images goes with them (issue 18); the decision and scores stay
	if after["documentsErasedAt"] == nil || after["erasedAt"] != nil ||
		after["session"].(map[string]any)["extractedData"] != nil || after["session"].(map[string]any)["status"] != "VERIFIED" ||
		after["session"].(map[string]any)["verificationScores"] == nil {
		t.Errorf("after retention: %v", after)
	}
	e := auditEntries(t, srv, admin, url.Values{"action": {"kyc.documents_erased"}, "clientId": {clientA}})
	if len(e) != 1 || e[0]["actorType"] != "system" || e[0]["targetId"] != sid ||
		e[0]["detail"].(map[string]any)["documents"] != float64(4) {
		t.Errorf("retention audit: %v", e)
	}
	if code, _, raw := do(t, "GET", srv.BaseURL+"/v1/admin/kyc/"+sid+"/documents/PAN_CARD", admin, "", nil); code != 404 ||
		!strings.Contains(string(raw), "retention") {
		t.Errorf("document after retention: %d %s", code, raw)
	}
}

func fetch(t *testing.T, rawURL, key string) []byte {
	t.Helper()
	req, _ := http.NewRequest("GET", rawURL, nil)
	req.Header.Set("X-API-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", rawURL, resp.StatusCode, b)
	}
	return b
}

func waitUntil(t *testing.T, timeout time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
