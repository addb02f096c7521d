package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection/grpc_reflection_v1"
)

func TestServiceEndpoints(t *testing.T) {
	f := newFixture(t)
	get := func(path string) (int, string, http.Header) {
		resp, err := http.Get(f.srv.HTTPURL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}

	code, body, _ := get("/api/openapi.json")
	var spec struct {
		Swagger string                    `json:"swagger"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if code != 200 || json.Unmarshal([]byte(body), &spec) != nil || spec.Swagger != "2.0" {
		t.Fatalf("openapi.json: %d %.200s", code, body)
	}
	for _, p := range []string{"/api/v1/kyc/initiate", "/api/v1/kyc/status/{kycSessionId}", "/api/v1/kyc/verify"} {
		if spec.Paths[p] == nil {
			t.Errorf("openapi.json lacks %s", p)
		}
	}
	if _, ok := spec.Paths["/api/v1/kyc/initiate"]["post"].(map[string]any)["responses"].(map[string]any)["201"]; !ok {
		t.Error("initiate is not documented as 201")
	}

	if code, body, _ := get("/api/docs/"); code != 200 || !strings.Contains(body, "swagger-ui") {
		t.Errorf("/api/docs/: %d", code)
	}
	if code, body, _ := get("/api/docs/swagger-initializer.js"); code != 200 || !strings.Contains(body, "/api/openapi.json") {
		t.Errorf("swagger initializer does not load our spec: %d %s", code, body)
	}
	if code, _, _ := get("/api/docs/swagger-ui-bundle.js"); code != 200 {
		t.Errorf("swagger assets: %d", code)
	}
	if code, body, _ := get("/healthz"); code != 200 || !strings.Contains(body, "ok") {
		t.Errorf("/healthz: %d %s", code, body)
	}
	if code, _, _ := get("/metrics"); code != 404 {
		t.Errorf("/metrics on the public listener: %d, want 404 (it has a private listener)", code)
	}
	if code, _, h := get("/nope"); code != 404 || h.Get("Content-Type") != "application/json" {
		t.Errorf("/nope: %d %s", code, h.Get("Content-Type"))
	}

	conn := f.srv.Dial(t)
	hc, err := grpc_health_v1.NewHealthClient(conn).Check(context.Background(), &grpc_health_v1.HealthCheckRequest{})
	if err != nil || hc.GetStatus() != grpc_health_v1.HealthCheckResponse_SERVING {
		t.Errorf("gRPC health: %v %v", hc, err)
	}
	rs, err := grpc_reflection_v1.NewServerReflectionClient(conn).ServerReflectionInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_ = rs.Send(&grpc_reflection_v1.ServerReflectionRequest{MessageRequest: &grpc_reflection_v1.ServerReflectionRequest_ListServices{}})
	resp, err := rs.Recv()
	if err != nil || !strings.Contains(resp.String(), "kyc.v1.KycService") {
		t.Errorf("reflection does not list kyc.v1.KycService: %v %v", resp, err)
	}
}

// TestRequestID: a request id is returned on every response, the client's own when it sent a sane one.
func TestRequestID(t *testing.T) {
	f := newFixture(t)
	req, _ := http.NewRequest("GET", f.srv.BaseURL+"/v1/kyc/status/"+f.sessionA, nil)
	req.Header.Set("X-API-Key", f.keyA)
	req.Header.Set("X-Request-Id", "trace-123")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Values("X-Request-Id"); len(got) != 1 || got[0] != "trace-123" {
		t.Fatalf("X-Request-Id = %v", got)
	}
	if !strings.Contains(f.srv.Logs.String(), `"request_id":"trace-123"`) {
		t.Error("the request id is not in the logs")
	}
}

// TestOpenAPIDocumentsUploads: the multipart routes are in the served spec with a file field.
func TestOpenAPIDocumentsUploads(t *testing.T) {
	f := newFixture(t)
	_, spec, _ := do(t, "GET", f.srv.HTTPURL+"/api/openapi.json", "", "", nil)
	paths := spec["paths"].(map[string]any)
	for _, p := range []string{"/api/v1/kyc/upload/pan", "/api/v1/kyc/upload/aadhaar/front", "/api/v1/kyc/upload/aadhaar/back", "/api/v1/kyc/upload/live-photo"} {
		op, _ := paths[p].(map[string]any)["post"].(map[string]any)
		if op == nil || !strings.Contains(mustJSON(t, op["consumes"]), "multipart/form-data") || !strings.Contains(mustJSON(t, op["parameters"]), `"type":"file"`) {
			t.Errorf("%s is not documented as a multipart upload: %v", p, op)
		}
	}
}
