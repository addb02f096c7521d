package telemetry

import (
	"net/http/httptest"
	"testing"
)

func TestSpanNameHidesIDs(t *testing.T) {
	for path, want := range map[string]string{
		"/api/v1/kyc/initiate": "GET /api/v1/kyc/initiate",
		"/api/v1/kyc/status/0b7e4a1c-2f5d-4c1e-9a3b-1d2e3f4a5b6c":              "GET /api/v1/kyc/status/{id}",
		"/api/v1/admin/kyc/0B7E4A1C-2F5D-4C1E-9A3B-1D2E3F4A5B6C/documents/pan": "GET /api/v1/admin/kyc/{id}/documents/pan",
	} {
		if got := SpanName(httptest.NewRequest("GET", path, nil)); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
}
