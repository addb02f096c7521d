package app_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestVerifyNeedsAllDocuments: verify before the four documents is a 400 naming what is missing, on both
// transports; another client's session is 403.
func TestVerifyNeedsAllDocuments(t *testing.T) {
	f := newFixture(t)
	uploadREST(t, f.srv.BaseURL, f.keyA, pan, fileParts("owner-a", images.JPEG(640, 480, 80, 1), "p.jpg", "image/jpeg")...)
	code, _, raw := do(t, "POST", f.srv.BaseURL+"/v1/kyc/verify", f.keyA, `{"kycSessionId":"`+f.sessionA+`"}`, nil)
	if code != 400 || !strings.Contains(checkErrorBody(t, code, raw), "AADHAAR_FRONT, AADHAAR_BACK, LIVE_PHOTO") {
		t.Fatalf("REST: %d %s", code, raw)
	}
	_, err := kycv1.NewKycServiceClient(f.srv.Dial(t)).VerifyKyc(withKey(f.keyA), &kycv1.VerifyKycRequest{KycSessionId: f.sessionA})
	if statusOf(err).Code() != codes.FailedPrecondition {
		t.Fatalf("gRPC: %v", err)
	}
	if code, _, raw := do(t, "POST", f.srv.BaseURL+"/v1/kyc/verify", f.keyB, `{"kycSessionId":"`+f.sessionA+`"}`, nil); code != 403 {
		t.Fatalf("other client: %d %s", code, raw)
	}
}

// TestVerifyWaitsForTheOutcome: right after the live photo, verify waits for the pipeline and answers with the
// guide's shape.
func TestVerifyWaitsForTheOutcome(t *testing.T) {
	srv := testserver.Start(t, testserver.WithWorkers())
	_, key := srv.NewClient(t, "verify")
	docs, err := kycdocs.Write(filepath.Join(t.TempDir(), "d"), 400, "chaeyeon.jpg", "chaeyeon2.jpg")
	if err != nil {
		t.Fatal(err)
	}
	sid := initiateAndUpload(t, srv, key, "verify-user", docs)
	start := time.Now()
	code, body, raw := do(t, "POST", srv.BaseURL+"/v1/kyc/verify", key, `{"kycSessionId":"`+sid+`"}`, nil)
	if code != 200 || body["success"] != true {
		t.Fatalf("verify: %d %s", code, raw)
	}
	if s := body["status"]; s != "FACE_VERIFIED" && s != "PENDING_REVIEW" {
		t.Fatalf("verify answered %s after %v: not an outcome", raw, time.Since(start))
	}
	for k := range body {
		if k != "success" && k != "status" && k != "faceMatchScore" && k != "livenessScore" {
			t.Errorf("unexpected field %s in %s", k, raw)
		}
	}
	if _, ok := body["faceMatchScore"].(float64); !ok {
		t.Errorf("no faceMatchScore in %s", raw)
	}
}
