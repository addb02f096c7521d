package app_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/uuid"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/emptypb"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestRoleSeparation: admin keys reach only the AdminService, client keys everything else; over both
// transports, every method.
func TestRoleSeparation(t *testing.T) {
	srv := testserver.Start(t)
	_, client := srv.NewClient(t, "Acme Lending")
	_, admin := srv.NewAdmin(t, "reviewer")
	sid := uuid.NewString()
	type route struct {
		method, path, body string
		adminOnly          bool
	}
	routes := []route{
		{"GET", "/v1/admin/reviews", "", true},
		{"GET", "/v1/admin/kyc/" + sid, "", true},
		{"GET", "/v1/admin/kyc/" + sid + "/documents/PAN_CARD", "", true},
		{"POST", "/v1/admin/kyc/" + sid + "/approve", `{}`, true},
		{"POST", "/v1/admin/kyc/" + sid + "/reject", `{"reason":"no"}`, true},
		{"GET", "/v1/admin/audit", "", true},
		{"POST", "/v1/kyc/initiate", `{"externalUserId":"u1"}`, false},
		{"GET", "/v1/kyc/status/" + sid, "", false},
		{"POST", "/v1/kyc/verify", `{"kycSessionId":"` + sid + `"}`, false},
		{"DELETE", "/v1/kyc/" + sid, "", false},
		{"PUT", "/v1/webhooks", `{"url":"https://example.com/hook"}`, false},
		{"GET", "/v1/webhooks", "", false},
		{"DELETE", "/v1/webhooks", "", false},
		{"POST", "/v1/webhooks/test", `{}`, false},
		{"GET", "/v1/webhooks/deliveries", "", false},
		{"POST", "/v1/webhooks/deliveries/" + sid + "/redeliver", `{}`, false},
		{"GET", "/v1/keys", "", false},
		{"POST", "/v1/keys", `{"environment":"test"}`, false},
		{"POST", "/v1/keys/" + sid + "/rotate", `{}`, false},
		{"DELETE", "/v1/keys/" + sid, "", false},
	}
	for _, r := range routes {
		wrong := client
		if !r.adminOnly {
			wrong = admin
		}
		t.Run("REST "+r.method+" "+r.path, func(t *testing.T) {
			code, _, raw := do(t, r.method, srv.BaseURL+r.path, wrong, r.body, nil)
			if code != 403 || !strings.Contains(checkErrorBody(t, code, raw), "not allowed") {
				t.Fatalf("wrong role: %d %s, want 403", code, raw)
			}
			if code, _, raw := do(t, r.method, srv.BaseURL+r.path, "", r.body, nil); code != 401 {
				t.Fatalf("no key: %d %s, want 401", code, raw)
			}
		})
	}
	// The upload bridge as an admin.
	code, _, raw := uploadREST(t, srv.BaseURL, admin, kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD,
		fileParts("u1", images.JPEG(640, 400, 80, 1), "pan.jpg", "image/jpeg")...)
	if code != 403 {
		t.Errorf("upload with an admin key: %d %s", code, raw)
	}
	// Over gRPC: every method of every service, with the wrong role (the request is empty: the role is checked
	// before validation, so 403 comes first).
	conn := srv.Dial(t)
	for _, svc := range []struct {
		name      string
		adminOnly bool
		methods   []string
		streams   []string
	}{
		{"kyc.v1.AdminService", true, []string{"ListReviews", "GetReview", "ApproveKyc", "RejectKyc", "ListAuditEntries"}, []string{"GetDocument"}},
		{"kyc.v1.KycService", false, []string{"InitiateKyc", "GetKycStatus", "VerifyKyc"}, []string{"WatchKycStatus", "UploadDocument"}},
		{"kyc.v1.WebhookService", false, []string{"PutWebhook", "GetWebhook", "DeleteWebhook", "TestWebhook", "ListWebhookDeliveries", "RedeliverWebhook"}, nil},
		{"kyc.v1.KeyService", false, []string{"ListApiKeys", "CreateApiKey", "RotateApiKey", "RevokeApiKey"}, nil},
		{"kyc.v1.PrivacyService", false, []string{"EraseKycSession"}, nil},
	} {
		wrong := client
		if !svc.adminOnly {
			wrong = admin
		}
		for _, m := range svc.methods {
			t.Run("gRPC "+svc.name+"/"+m, func(t *testing.T) {
				err := conn.Invoke(withKey(wrong), "/"+svc.name+"/"+m, &emptypb.Empty{}, &emptypb.Empty{})
				if statusOf(err).Code() != codes.PermissionDenied {
					t.Fatalf("wrong role: %v, want PermissionDenied", err)
				}
			})
		}
		for _, m := range svc.streams {
			t.Run("gRPC stream "+svc.name+"/"+m, func(t *testing.T) {
				desc := &grpc.StreamDesc{ServerStreams: true, ClientStreams: true}
				stream, err := conn.NewStream(withKey(wrong), desc, "/"+svc.name+"/"+m)
				if err == nil {
					_ = stream.SendMsg(&emptypb.Empty{})
					_ = stream.CloseSend()
					err = stream.RecvMsg(&emptypb.Empty{})
				}
				if statusOf(err).Code() != codes.PermissionDenied {
					t.Fatalf("wrong role: %v, want PermissionDenied", err)
				}
			})
		}
	}
}

// isolation is one client-scoped call made by client B with an id of client A's.
type isolation struct {
	name string
	rest func(id string) (method, path, body string)
	grpc func(ctx context.Context, conn *grpc.ClientConn, id string) error
}

// TestTenantIsolationMatrix: for every client-scoped call that names a session, a delivery or a key, client B
// with client A's id gets 403 with the very same body whatever state A's object is in (it learns nothing but
// "not yours"), and A's object is left as it was.
func TestTenantIsolationMatrix(t *testing.T) {
	srv := testserver.Start(t)
	clientA, keyA := srv.NewClient(t, "Acme Lending")
	_, keyB := srv.NewClient(t, "Bharat Pay")
	_, admin := srv.NewAdmin(t, "reviewer")
	putWebhook(t, srv, keyA, newIdleEndpoint(t), webhookSecret)
	putWebhook(t, srv, keyB, newIdleEndpoint(t), webhookSecret)

	// A's sessions in different states: fresh, with documents, decided, erased.
	fresh := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", keyA, `{"externalUserId":"iso-fresh"}`, nil)["kycSessionId"].(string)
	uploaded, _ := uploadedSession(t, srv, keyA, "iso-uploaded")
	decided, _ := uploadedSession(t, srv, keyA, "iso-decided")
	intoReview(t, srv, decided)
	postJSON(t, srv.BaseURL+"/v1/admin/kyc/"+decided+"/approve", admin, `{}`, nil)
	erased, _ := uploadedSession(t, srv, keyA, "iso-erased")
	if code, _, raw := do(t, "DELETE", srv.BaseURL+"/v1/kyc/"+erased, keyA, "", nil); code != 200 {
		t.Fatalf("erase: %d %s", code, raw)
	}
	sessions := []string{fresh, uploaded, decided, erased}
	delivery := sqlString(t, srv, `SELECT id::text FROM webhook_deliveries WHERE session_id = $1`, decided)
	otherKey := postJSON(t, srv.BaseURL+"/v1/keys", keyA, `{"environment":"test","name":"A's sandbox"}`, nil)
	revokedKey := postJSON(t, srv.BaseURL+"/v1/keys", keyA, `{"environment":"live"}`, nil)["key"].(map[string]any)["id"].(string)
	if code, _, raw := do(t, "DELETE", srv.BaseURL+"/v1/keys/"+revokedKey, keyA, "", nil); code != 200 {
		t.Fatalf("revoke: %d %s", code, raw)
	}
	keyIDs := []string{otherKey["key"].(map[string]any)["id"].(string), revokedKey}
	before := snapshot(t, srv, clientA)

	sessionCalls := []isolation{
		{"GetKycStatus", func(id string) (string, string, string) { return "GET", "/v1/kyc/status/" + id, "" },
			func(ctx context.Context, c *grpc.ClientConn, id string) error {
				_, err := kycv1.NewKycServiceClient(c).GetKycStatus(ctx, &kycv1.GetKycStatusRequest{KycSessionId: id})
				return err
			}},
		{"VerifyKyc", func(id string) (string, string, string) {
			return "POST", "/v1/kyc/verify", `{"kycSessionId":"` + id + `"}`
		}, func(ctx context.Context, c *grpc.ClientConn, id string) error {
			_, err := kycv1.NewKycServiceClient(c).VerifyKyc(ctx, &kycv1.VerifyKycRequest{KycSessionId: id})
			return err
		}},
		{"EraseKycSession", func(id string) (string, string, string) { return "DELETE", "/v1/kyc/" + id, "" },
			func(ctx context.Context, c *grpc.ClientConn, id string) error {
				_, err := kycv1.NewPrivacyServiceClient(c).EraseKycSession(ctx, &kycv1.EraseKycSessionRequest{KycSessionId: id})
				return err
			}},
		{"WatchKycStatus", nil, func(ctx context.Context, c *grpc.ClientConn, id string) error {
			stream, err := kycv1.NewKycServiceClient(c).WatchKycStatus(ctx, &kycv1.WatchKycStatusRequest{KycSessionId: id})
			if err == nil {
				_, err = stream.Recv()
			}
			return err
		}},
		{"UploadDocument", nil, func(ctx context.Context, c *grpc.ClientConn, id string) error {
			_, err := uploadGRPC(t, srv, keyB, &kycv1.UploadMetadata{DocumentType: kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD,
				Target: &kycv1.UploadMetadata_KycSessionId{KycSessionId: id}}, images.JPEG(640, 400, 80, 3))
			return err
		}},
	}
	conn := srv.Dial(t)
	for _, call := range sessionCalls {
		checkIsolated(t, srv, conn, keyB, call, sessions)
	}
	t.Run("UploadDocument/REST", func(t *testing.T) {
		var first []byte
		for _, id := range sessions {
			code, _, raw := uploadREST(t, srv.BaseURL, keyB, kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD,
				formPart{name: "kycSessionId", data: []byte(id)},
				formPart{name: "file", fileName: "pan.jpg", contentType: "image/jpeg", data: images.JPEG(640, 400, 80, 3)})
			if code != 403 {
				t.Fatalf("%s: %d %s", id, code, raw)
			}
			if first == nil {
				first = raw
			} else if !bytes.Equal(raw, first) {
				t.Errorf("bodies differ by state: %s vs %s", raw, first)
			}
		}
	})
	checkIsolated(t, srv, conn, keyB, isolation{"RedeliverWebhook",
		func(id string) (string, string, string) {
			return "POST", "/v1/webhooks/deliveries/" + id + "/redeliver", `{}`
		},
		func(ctx context.Context, c *grpc.ClientConn, id string) error {
			_, err := kycv1.NewWebhookServiceClient(c).RedeliverWebhook(ctx, &kycv1.RedeliverWebhookRequest{DeliveryId: id})
			return err
		}}, []string{delivery})
	for _, call := range []isolation{
		{"RotateApiKey", func(id string) (string, string, string) { return "POST", "/v1/keys/" + id + "/rotate", `{}` },
			func(ctx context.Context, c *grpc.ClientConn, id string) error {
				_, err := kycv1.NewKeyServiceClient(c).RotateApiKey(ctx, &kycv1.RotateApiKeyRequest{KeyId: id})
				return err
			}},
		{"RevokeApiKey", func(id string) (string, string, string) { return "DELETE", "/v1/keys/" + id, "" },
			func(ctx context.Context, c *grpc.ClientConn, id string) error {
				_, err := kycv1.NewKeyServiceClient(c).RevokeApiKey(ctx, &kycv1.RevokeApiKeyRequest{KeyId: id})
				return err
			}},
	} {
		checkIsolated(t, srv, conn, keyB, call, keyIDs)
	}
	// Listings name none of A's objects.
	for _, path := range []string{"/v1/keys", "/v1/webhooks/deliveries"} {
		_, _, raw := do(t, "GET", srv.BaseURL+path, keyB, "", nil)
		for _, id := range append(append([]string{delivery, clientA}, keyIDs...), sessions...) {
			if bytes.Contains(raw, []byte(id)) {
				t.Errorf("B's %s shows A's %s", path, id)
			}
		}
	}
	// B initiating A's user id opens B's own session and leaves A's open one alone.
	postJSON(t, srv.BaseURL+"/v1/kyc/initiate", keyB, `{"externalUserId":"iso-fresh"}`, nil)
	if after := snapshot(t, srv, clientA); after != before {
		t.Errorf("client A's data changed under B's calls:\nbefore %s\nafter  %s", before, after)
	}
}

// checkIsolated makes the call as B for each of A's ids: 403 every time, the same body (and gRPC message)
// every time, and never an id of A's in it.
func checkIsolated(t *testing.T, srv *testserver.Server, conn *grpc.ClientConn, keyB string, call isolation, ids []string) {
	t.Run(call.name, func(t *testing.T) {
		var restBody []byte
		var grpcMsg string
		for _, id := range ids {
			if call.rest != nil {
				method, path, body := call.rest(id)
				code, _, raw := do(t, method, srv.BaseURL+path, keyB, body, nil)
				if code != 403 {
					t.Fatalf("REST %s %s: %d %s, want 403", method, path, code, raw)
				}
				checkErrorBody(t, code, raw)
				if restBody == nil {
					restBody = raw
				} else if !bytes.Equal(raw, restBody) {
					t.Errorf("REST bodies differ by state: %s vs %s", raw, restBody)
				}
				if bytes.Contains(raw, []byte(id)) {
					t.Errorf("REST body names the id: %s", raw)
				}
			}
			err := call.grpc(withKey(keyB), conn, id)
			st := statusOf(err)
			if st.Code() != codes.PermissionDenied {
				t.Fatalf("gRPC with %s: %v, want PermissionDenied", id, err)
			}
			if grpcMsg == "" {
				grpcMsg = st.Message()
			} else if st.Message() != grpcMsg {
				t.Errorf("gRPC messages differ by state: %q vs %q", st.Message(), grpcMsg)
			}
		}
	})
}

// snapshot is everything of a client's data that B's calls could change, as one string.
func snapshot(t *testing.T, srv *testserver.Server, clientID string) string {
	t.Helper()
	return sqlString(t, srv, `SELECT concat_ws('|',
		(SELECT string_agg(concat_ws(',', id, status, external_user_id, generation, erased_at, superseded_at, updated_at), ';' ORDER BY id) FROM kyc_sessions WHERE client_id = $1),
		(SELECT string_agg(concat_ws(',', session_id, doc_type, object_key), ';' ORDER BY object_key) FROM documents WHERE session_id IN (SELECT id FROM kyc_sessions WHERE client_id = $1)),
		(SELECT string_agg(concat_ws(',', id, revoked_at), ';' ORDER BY id) FROM api_keys WHERE client_id = $1),
		(SELECT string_agg(concat_ws(',', id, status, attempts, next_attempt_at), ';' ORDER BY id) FROM webhook_deliveries WHERE client_id = $1),
		(SELECT count(*) FROM audit_log WHERE client_id = $1))`, clientID)
}
