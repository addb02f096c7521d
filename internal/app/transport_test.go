package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// call is one request expressed for both transports.
type call struct {
	rpc string // InitiateKyc, GetKycStatus or VerifyKyc
	req proto.Message
	key string // "" = no key; "A" / "B" = client A's / B's key; anything else is sent as is
}

type transportCase struct {
	name     string
	call     func(f *fixture) call
	wantCode codes.Code
	wantHTTP int
	wantMsg  string // substring of the message
	writes   bool   // the call is expected to create a session
}

type fixture struct {
	srv        *testserver.Server
	keyA, keyB string
	sessionA   string // a session of client A
	revokedKey string
}

func TestTransportsAgree(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("x", 129)
	bigMeta := map[string]string{}
	for i := 0; i < 40; i++ {
		bigMeta[uuid.NewString()] = strings.Repeat("m", 250) // ~10 kB
	}
	cases := []transportCase{
		{name: "initiate ok", wantCode: codes.OK, wantHTTP: 201, writes: true, call: func(f *fixture) call {
			return call{rpc: "InitiateKyc", key: "A", req: &kycv1.InitiateKycRequest{ExternalUserId: "customer-" + uuid.NewString()[:8], Email: "john@example.com", Phone: "+919876543210"}}
		}},
		{name: "initiate empty externalUserId", wantCode: codes.InvalidArgument, wantHTTP: 400, wantMsg: "externalUserId", call: func(f *fixture) call {
			return call{rpc: "InitiateKyc", key: "A", req: &kycv1.InitiateKycRequest{}}
		}},
		{name: "initiate oversize externalUserId", wantCode: codes.InvalidArgument, wantHTTP: 400, wantMsg: "externalUserId", call: func(f *fixture) call {
			return call{rpc: "InitiateKyc", key: "A", req: &kycv1.InitiateKycRequest{ExternalUserId: long}}
		}},
		{name: "initiate header injection in externalUserId", wantCode: codes.InvalidArgument, wantHTTP: 400, wantMsg: "externalUserId", call: func(f *fixture) call {
			return call{rpc: "InitiateKyc", key: "A", req: &kycv1.InitiateKycRequest{ExternalUserId: "u1\r\nX-Injected: yes"}}
		}},
		{name: "initiate invalid email", wantCode: codes.InvalidArgument, wantHTTP: 400, wantMsg: "email", call: func(f *fixture) call {
			return call{rpc: "InitiateKyc", key: "A", req: &kycv1.InitiateKycRequest{ExternalUserId: "u1", Email: "not-an-email"}}
		}},
		{name: "initiate invalid phone", wantCode: codes.InvalidArgument, wantHTTP: 400, wantMsg: "phone", call: func(f *fixture) call {
			return call{rpc: "InitiateKyc", key: "A", req: &kycv1.InitiateKycRequest{ExternalUserId: "u1", Phone: "98765"}}
		}},
		{name: "initiate 10 kB metadata", wantCode: codes.InvalidArgument, wantHTTP: 400, wantMsg: "metadata", call: func(f *fixture) call {
			return call{rpc: "InitiateKyc", key: "A", req: &kycv1.InitiateKycRequest{ExternalUserId: "u1", Metadata: bigMeta}}
		}},
		{name: "initiate without key", wantCode: codes.Unauthenticated, wantHTTP: 401, wantMsg: "Missing API key", call: func(f *fixture) call {
			return call{rpc: "InitiateKyc", req: &kycv1.InitiateKycRequest{ExternalUserId: "u1"}}
		}},
		{name: "initiate unknown key", wantCode: codes.Unauthenticated, wantHTTP: 401, wantMsg: "Invalid API key", call: func(f *fixture) call {
			return call{rpc: "InitiateKyc", key: "kyc_live_notarealkey", req: &kycv1.InitiateKycRequest{ExternalUserId: "u1"}}
		}},
		{name: "initiate revoked key", wantCode: codes.Unauthenticated, wantHTTP: 401, wantMsg: "Invalid API key", call: func(f *fixture) call {
			return call{rpc: "InitiateKyc", key: f.revokedKey, req: &kycv1.InitiateKycRequest{ExternalUserId: "u1"}}
		}},
		{name: "status own session", wantCode: codes.OK, wantHTTP: 200, call: func(f *fixture) call {
			return call{rpc: "GetKycStatus", key: "A", req: &kycv1.GetKycStatusRequest{KycSessionId: f.sessionA}}
		}},
		{name: "status another client's session", wantCode: codes.PermissionDenied, wantHTTP: 403, wantMsg: "different client", call: func(f *fixture) call {
			return call{rpc: "GetKycStatus", key: "B", req: &kycv1.GetKycStatusRequest{KycSessionId: f.sessionA}}
		}},
		{name: "status unknown session", wantCode: codes.NotFound, wantHTTP: 404, wantMsg: "not found", call: func(f *fixture) call {
			return call{rpc: "GetKycStatus", key: "A", req: &kycv1.GetKycStatusRequest{KycSessionId: uuid.NewString()}}
		}},
		{name: "status invalid uuid", wantCode: codes.InvalidArgument, wantHTTP: 400, wantMsg: "UUID", call: func(f *fixture) call {
			return call{rpc: "GetKycStatus", key: "A", req: &kycv1.GetKycStatusRequest{KycSessionId: "not-a-uuid"}}
		}},
		{name: "status without key", wantCode: codes.Unauthenticated, wantHTTP: 401, call: func(f *fixture) call {
			return call{rpc: "GetKycStatus", req: &kycv1.GetKycStatusRequest{KycSessionId: f.sessionA}}
		}},
		{name: "verify invalid uuid", wantCode: codes.InvalidArgument, wantHTTP: 400, wantMsg: "kycSessionId", call: func(f *fixture) call {
			return call{rpc: "VerifyKyc", key: "A", req: &kycv1.VerifyKycRequest{KycSessionId: "123"}}
		}},
	}
	for _, tc := range cases {
		for _, transport := range []string{"grpc", "rest"} {
			t.Run(tc.name+"/"+transport, func(t *testing.T) {
				c := tc.call(f)
				before := f.countSessions(t)
				var code codes.Code
				var httpStatus int
				var msg string
				if transport == "grpc" {
					code, msg = f.callGRPC(t, c)
				} else {
					httpStatus, msg = f.callREST(t, c)
				}
				if transport == "grpc" && code != tc.wantCode {
					t.Fatalf("gRPC code = %v (%s), want %v", code, msg, tc.wantCode)
				}
				if transport == "rest" && httpStatus != tc.wantHTTP {
					t.Fatalf("HTTP status = %d (%s), want %d", httpStatus, msg, tc.wantHTTP)
				}
				if !strings.Contains(msg, tc.wantMsg) {
					t.Errorf("message %q does not contain %q", msg, tc.wantMsg)
				}
				after := f.countSessions(t)
				if want := before + map[bool]int{true: 1}[tc.writes]; after != want {
					t.Errorf("sessions: %d -> %d, want %d", before, after, want)
				}
			})
		}
	}
}

func newFixture(t *testing.T) *fixture {
	srv := testserver.Start(t)
	f := &fixture{srv: srv}
	_, f.keyA = srv.NewClient(t, "client A")
	clientB, keyB := srv.NewClient(t, "client B")
	f.keyB = keyB
	// Rotating B's key revokes the old one.
	f.revokedKey = f.keyB
	rotated := rotate(t, srv, clientB)
	f.keyB = rotated
	resp := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", f.keyA, `{"externalUserId":"owner-a"}`, nil)
	f.sessionA = resp["kycSessionId"].(string)
	return f
}

func (f *fixture) key(c call) string {
	switch c.key {
	case "A":
		return f.keyA
	case "B":
		return f.keyB
	}
	return c.key
}

func (f *fixture) callGRPC(t *testing.T, c call) (codes.Code, string) {
	ctx := context.Background()
	if k := f.key(c); k != "" {
		ctx = testserver.WithKey(ctx, k)
	}
	client := kycv1.NewKycServiceClient(f.srv.Dial(t))
	var err error
	switch r := c.req.(type) {
	case *kycv1.InitiateKycRequest:
		_, err = client.InitiateKyc(ctx, r)
	case *kycv1.GetKycStatusRequest:
		_, err = client.GetKycStatus(ctx, r)
	case *kycv1.VerifyKycRequest:
		_, err = client.VerifyKyc(ctx, r)
	default:
		t.Fatalf("no gRPC mapping for %T", r)
	}
	st := status.Convert(err)
	return st.Code(), st.Message()
}

// callREST sends the call as the guide's REST request and checks the error body shape.
func (f *fixture) callREST(t *testing.T, c call) (int, string) {
	var req *http.Request
	switch r := c.req.(type) {
	case *kycv1.InitiateKycRequest:
		body, _ := protojson.Marshal(r)
		req, _ = http.NewRequest("POST", f.srv.BaseURL+"/v1/kyc/initiate", bytes.NewReader(body))
	case *kycv1.GetKycStatusRequest:
		req, _ = http.NewRequest("GET", f.srv.BaseURL+"/v1/kyc/status/"+r.GetKycSessionId(), nil)
	case *kycv1.VerifyKycRequest:
		body, _ := protojson.Marshal(r)
		req, _ = http.NewRequest("POST", f.srv.BaseURL+"/v1/kyc/verify", bytes.NewReader(body))
	default:
		t.Fatalf("no REST mapping for %T", r)
	}
	req.Header.Set("Content-Type", "application/json")
	if k := f.key(c); k != "" {
		req.Header.Set("X-API-Key", k)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode < 300 {
		return resp.StatusCode, ""
	}
	return resp.StatusCode, checkErrorBody(t, resp.StatusCode, raw)
}

// checkErrorBody asserts the guide's error format and returns the message.
func checkErrorBody(t *testing.T, code int, raw []byte) string {
	t.Helper()
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("error body is not JSON: %q", raw)
	}
	if len(body) != 3 || body["statusCode"] != float64(code) || body["error"] != http.StatusText(code) {
		t.Fatalf("error body %s is not {statusCode:%d, message, error:%q}", raw, code, http.StatusText(code))
	}
	msg, ok := body["message"].(string)
	if !ok || msg == "" {
		t.Fatalf("error body without message: %s", raw)
	}
	return msg
}

func (f *fixture) countSessions(t *testing.T) int {
	var n int
	if err := f.srv.Store().Pool().QueryRow(context.Background(), "SELECT count(*) FROM kyc_sessions").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
