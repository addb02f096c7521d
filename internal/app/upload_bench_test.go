package app_test

import (
	"net/http"
	"strings"
	"testing"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// BenchmarkUploadGRPC5MB is one 5 MiB upload over the gRPC stream of an in-process server (profile with
// -cpuprofile to see where an upload's time goes).
func BenchmarkUploadGRPC5MB(b *testing.B) {
	srv := testserver.Start(b)
	_, key := srv.NewClient(b, "bench")
	postJSONB(b, srv.BaseURL+"/v1/kyc/initiate", key, `{"externalUserId":"u"}`)
	data := images.JPEGOfSize(5 << 20)
	meta := grpcMeta(kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD, "u")
	meta.SizeBytes = int64(len(data))
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := uploadGRPC(b, srv, key, meta, data); err != nil {
			b.Fatal(err)
		}
	}
}

func postJSONB(b *testing.B, url, key, body string) {
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("X-API-Key", key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		b.Fatal(err, resp)
	}
	resp.Body.Close()
}
