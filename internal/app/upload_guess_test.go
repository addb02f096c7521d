package app_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// The REST bridge guesses the file's size from Content-Length so the server can store it while it arrives.
// Forms the guess gets wrong (a field after the file, no CRLF at the end, an epilogue) must upload just the
// same, stored whole: the reviewer's download returns exactly the bytes sent.
func TestRESTUploadWithAWrongSizeGuess(t *testing.T) {
	srv := testserver.Start(t)
	_, key := srv.NewClient(t, "Acme Lending")
	_, admin := srv.NewAdmin(t, "reviewer")
	sid := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", key, `{"externalUserId":"guess"}`, nil)["kycSessionId"].(string)
	const b = "XyZboundary42"
	form := func(file []byte, before, after, end string) []byte {
		return []byte(before + "--" + b + "\r\nContent-Disposition: form-data; name=\"externalUserId\"\r\n\r\nguess\r\n" +
			"--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pan.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" +
			string(file) + "\r\n" + after + "--" + b + "--" + end)
	}
	for i, tc := range []struct{ name, before, after, end string }{
		{"as the guide's clients send it", "", "", "\r\n"},
		{"a field after the file", "", "--" + b + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n", "\r\n"},
		{"no CRLF at the end", "", "", ""},
		{"a preamble and an epilogue", "preamble\r\n", "", "\r\nepilogue, longer than the guess allows for\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := images.JPEG(900+i*10, 600, 85, uint64(i))
			req, _ := http.NewRequest("POST", srv.BaseURL+docPaths[kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD],
				bytes.NewReader(form(file, tc.before, tc.after, tc.end)))
			req.Header.Set("Content-Type", "multipart/form-data; boundary="+b)
			req.Header.Set("X-API-Key", key)
			if code, _, raw := send(t, req); code != 200 {
				t.Fatalf("upload: %d %s", code, raw)
			}
			code, _, got := do(t, "GET", srv.BaseURL+"/v1/admin/kyc/"+sid+"/documents/PAN_CARD", admin, "", nil)
			if code != 200 || !bytes.Equal(got, file) {
				t.Fatalf("download: %d, %d bytes, want the %d uploaded", code, len(got), len(file))
			}
		})
	}
	// One document, one object: neither a wrong guess's attempt nor a replaced file is left in the bucket.
	for deadline := time.Now().Add(5 * time.Second); countObjects(t, srv) != 1 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := countObjects(t, srv); n != 1 {
		t.Fatalf("%d objects, want 1", n)
	}
}
