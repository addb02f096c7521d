package app_test

import (
	"errors"
	"io"
	"net/url"
	"testing"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestReadsAreAudited: opening a case and every document image served to an admin, over REST or gRPC, leave an
// entry naming who, what, when and from where; a refused read (a client key) leaves none.
func TestReadsAreAudited(t *testing.T) {
	srv := testserver.Start(t)
	_, key := srv.NewClient(t, "Acme Lending")
	adminID, admin := srv.NewAdmin(t, "Reviewer One")
	sid, _ := uploadedSession(t, srv, key, "read-audit")
	intoReview(t, srv, sid)

	getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid, admin)
	fetch(t, srv.BaseURL+"/v1/admin/kyc/"+sid+"/documents/PAN_CARD", admin)
	stream, err := kycv1.NewAdminServiceClient(srv.Dial(t)).GetDocument(withKey(admin),
		&kycv1.GetDocumentRequest{KycSessionId: sid, DocumentType: kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO})
	if err != nil {
		t.Fatal(err)
	}
	for err == nil {
		_, err = stream.Recv()
	}
	if !errors.Is(err, io.EOF) {
		t.Fatalf("gRPC document: %v", err)
	}
	if code, _, _ := do(t, "GET", srv.BaseURL+"/v1/admin/kyc/"+sid+"/documents/AADHAAR_BACK", key, "", nil); code != 403 {
		t.Fatalf("client key read a document: %d", code)
	}

	viewed := auditEntries(t, srv, admin, url.Values{"targetId": {sid}, "action": {"kyc.viewed"}})
	if len(viewed) != 1 || viewed[0]["actorId"] != adminID || viewed[0]["ip"] != "127.0.0.1" ||
		viewed[0]["occurredAt"] == "" || viewed[0]["keyId"] == "" {
		t.Errorf("case view audit: %v", viewed)
	}
	served := auditEntries(t, srv, admin, url.Values{"targetId": {sid}, "action": {"kyc.document_viewed"}})
	var types []any
	for _, e := range served {
		if e["actorId"] != adminID || e["actorType"] != "admin" || e["ip"] == "" {
			t.Errorf("document audit entry %v", e)
		}
		types = append(types, e["detail"].(map[string]any)["documentType"])
	}
	if len(types) != 2 || types[0] != "LIVE_PHOTO" || types[1] != "PAN_CARD" { // newest first
		t.Errorf("documents audited: %v", types)
	}
}
