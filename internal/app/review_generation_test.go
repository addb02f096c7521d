package app_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestDecisionOnStaleGeneration reproduces the swap: the reviewer opens a case, the client re-uploads the
// selfie, the pipeline puts the session back in review, and the reviewer's approval (made on the old selfie)
// must be refused, over REST (409, the guide's body) and gRPC (FAILED_PRECONDITION). The current generation
// decides; no generation keeps today's behaviour, and the audit log records that none was given.
func TestDecisionOnStaleGeneration(t *testing.T) {
	srv := testserver.Start(t)
	_, key := srv.NewClient(t, "Acme Lending")
	adminID, admin := srv.NewAdmin(t, "Reviewer One")
	sid, _ := uploadedSession(t, srv, key, "swap-user")
	intoReview(t, srv, sid)
	seen := int(getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid, admin)["generation"].(float64))

	// The client swaps the selfie; the pipeline (not running here) would put the session back in review.
	code, _, raw := uploadREST(t, srv.BaseURL, key, kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO,
		fileParts("swap-user", images.PNG(400, 400, 99), "other.png", "image/png")...)
	if code != 200 {
		t.Fatalf("re-upload: %d %s", code, raw)
	}
	intoReview(t, srv, sid)
	now := int(getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid, admin)["generation"].(float64))
	if now == seen {
		t.Fatalf("a re-upload left the generation at %d", now)
	}

	stale := `{"reason":"looks fine","generation":` + strconv.Itoa(seen) + `}`
	for _, path := range []string{"/approve", "/reject"} {
		code, body, raw := do(t, "POST", srv.BaseURL+"/v1/admin/kyc/"+sid+path, admin, stale, nil)
		if code != 409 || body["statusCode"] != float64(409) || body["error"] != "Conflict" ||
			!strings.Contains(body["message"].(string), "changed since you opened it") {
			t.Errorf("%s with a stale generation: %d %s", path, code, raw)
		}
	}
	client := kycv1.NewAdminServiceClient(srv.Dial(t))
	_, err := client.ApproveKyc(withKey(admin), &kycv1.ApproveKycRequest{KycSessionId: sid, Generation: proto.Int32(int32(seen))})
	if statusOf(err).Code() != codes.FailedPrecondition {
		t.Errorf("gRPC approve with a stale generation: %v", err)
	}
	if st := getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid, admin)["session"].(map[string]any)["status"]; st != "PENDING_REVIEW" {
		t.Fatalf("a refused decision changed the session: %v", st)
	}

	// The generation the reviewer sees now decides.
	postJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid+"/approve", admin, `{"generation":`+strconv.Itoa(now)+`}`, nil)
	e := auditEntries(t, srv, admin, url.Values{"targetId": {sid}, "action": {"kyc.approved"}})
	if len(e) != 1 || e[0]["actorId"] != adminID || e[0]["detail"].(map[string]any)["generationGiven"] != true ||
		e[0]["detail"].(map[string]any)["generation"] != float64(now) {
		t.Errorf("audit of a decision with a generation: %v", e)
	}
	// The loser of a race is told who decided.
	code, _, raw = do(t, "POST", srv.BaseURL+"/v1/admin/kyc/"+sid+"/reject", admin, `{"reason":"x"}`, nil)
	if code != 400 || !strings.Contains(string(raw), "already decided (VERIFIED), by Reviewer One") {
		t.Errorf("second decision: %d %s", code, raw)
	}

	// Without a generation: today's behaviour, and the audit log says none was given.
	other, _ := uploadedSession(t, srv, key, "no-generation-user")
	intoReview(t, srv, other)
	postJSON(t, srv.BaseURL+"/v1/admin/kyc/"+other+"/reject", admin, `{"reason":"Blurred card."}`, nil)
	e = auditEntries(t, srv, admin, url.Values{"targetId": {other}, "action": {"kyc.rejected"}})
	if len(e) != 1 || e[0]["detail"].(map[string]any)["generationGiven"] != false {
		t.Errorf("audit of a decision without a generation: %v", e)
	}
}
