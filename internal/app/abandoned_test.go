package app_test

import (
	"net/url"
	"testing"
	"time"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestAbandonedSessionsAreErased: the retention job erases a session that never reached verification and saw
// no activity for KYC_ABANDONED_DAYS (documents from S3, personal data from the database, a tombstone kept,
// audited as the system's, reason "abandoned"), leaves a recent one alone, and the user can start again.
func TestAbandonedSessionsAreErased(t *testing.T) {
	srv := testserver.Start(t, testserver.WithWorkers(), testserver.WithConfig(func(c *config.Config) {
		c.AbandonedDays, c.RetentionInterval = 1, time.Second
	}))
	clientID, key := srv.NewClient(t, "Acme Lending")
	_, admin := srv.NewAdmin(t, "auditor")
	start := func(user string, docs ...kycv1.DocumentType) string {
		sid := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", key,
			`{"externalUserId":"`+user+`","email":"priya@example.com","phone":"+919876543210"}`, nil)["kycSessionId"].(string)
		for i, d := range docs {
			if code, _, raw := uploadREST(t, srv.BaseURL, key, d, fileParts(user, images.JPEG(640, 400, 80, uint64(i)), "doc.jpg", "image/jpeg")...); code != 200 {
				t.Fatalf("upload: %d %s", code, raw)
			}
		}
		return sid
	}
	gone := start("gone-user", kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD, kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT)
	here := start("still-here", kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD)
	if _, err := srv.Store().Pool().Exec(t.Context(), `UPDATE kyc_sessions SET updated_at = now() - interval '2 days' WHERE id = $1`, gone); err != nil {
		t.Fatal(err)
	}

	waitUntil(t, 30*time.Second, "the retention job to erase the abandoned session", func() bool {
		return sqlInt(t, srv, `SELECT count(*) FROM kyc_sessions WHERE id = $1 AND erased_at IS NOT NULL`, gone) == 1
	})
	if left := objectsOf(t, srv, gone); len(left) != 0 {
		t.Errorf("objects left: %v", left)
	}
	if n := sqlInt(t, srv, `SELECT count(*) FROM kyc_sessions WHERE id = $1 AND (email IS NOT NULL OR phone IS NOT NULL OR external_user_id <> '')`, gone); n != 0 {
		t.Errorf("personal data kept")
	}
	if len(objectsOf(t, srv, here)) != 1 || sqlInt(t, srv, `SELECT count(*) FROM kyc_sessions WHERE id = $1 AND erased_at IS NULL`, here) != 1 {
		t.Errorf("the recent session was touched")
	}
	e := auditEntries(t, srv, admin, url.Values{"action": {"kyc.erased"}, "clientId": {clientID}})
	if len(e) != 1 || e[0]["actorType"] != "system" || e[0]["targetId"] != gone {
		t.Fatalf("audit: %v", e)
	}
	if d := e[0]["detail"].(map[string]any); d["reason"] != "abandoned" || d["documents"] != float64(2) || d["status"] != "PENDING" {
		t.Errorf("audit detail: %v", d)
	}

	// The user comes back: the tombstone takes no upload; a new session does.
	before := countDocuments(t, srv)
	if code, _, raw := uploadREST(t, srv.BaseURL, key, kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD,
		fileParts("gone-user", images.JPEG(640, 400, 80, 9), "doc.jpg", "image/jpeg")...); code == 200 || countDocuments(t, srv) != before {
		t.Errorf("upload to the abandoned user's tombstone: %d %s", code, raw)
	}
	if again := start("gone-user", kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD); again == gone {
		t.Errorf("initiate returned the tombstone")
	}
}
