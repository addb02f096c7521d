package app_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestUploadStorageDown: with S3 unreachable an upload is a 503 in the guide's body and nothing is recorded.
func TestUploadStorageDown(t *testing.T) {
	srv := testserver.Start(t, testserver.WithOwnS3())
	_, key := srv.NewClient(t, "acme")
	postJSON(t, srv.BaseURL+"/v1/kyc/initiate", key, `{"externalUserId":"u1"}`, nil)
	srv.S3.Stop()
	data := images.JPEG(640, 480, 80, 1)
	code, _, raw := uploadREST(t, srv.BaseURL, key, pan, fileParts("u1", data, "p.jpg", "image/jpeg")...)
	if code != 503 || !strings.Contains(checkErrorBody(t, code, raw), "temporarily unavailable") {
		t.Fatalf("REST: %d %s", code, raw)
	}
	if _, err := uploadGRPC(t, srv, key, grpcMeta(pan, "u1"), data); statusOf(err).Code() != codes.Unavailable {
		t.Fatalf("gRPC: %v", err)
	}
	if countDocuments(t, srv) != 0 {
		t.Fatal("a document was recorded without its object")
	}
	_, st, _ := do(t, "GET", srv.BaseURL+"/v1/kyc/status/"+sessionOf(t, srv, "u1"), key, "", nil)
	if st["progress"] != float64(0) {
		t.Fatalf("progress moved: %v", st)
	}
}

// TestUploadFiftyMegabytes: a 50 MB body is refused with 413 after about 5 MB, not read to its end, on both
// transports.
func TestUploadFiftyMegabytes(t *testing.T) {
	f := newFixture(t)
	// REST: a multipart body streamed from a generator that counts what the server made us send.
	pr, pw := io.Pipe()
	sent := make(chan int64, 1)
	go func() {
		var n int64
		w := func(b []byte) bool {
			k, err := pw.Write(b)
			n += int64(k)
			return err == nil
		}
		head := "--B\r\nContent-Disposition: form-data; name=\"externalUserId\"\r\n\r\nowner-a\r\n" +
			"--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
		ok := w([]byte(head)) && w(images.JPEGOfSize(300_000)[:200_000])
		chunk := make([]byte, 1<<20)
		for i := 0; ok && i < 50; i++ {
			ok = w(chunk)
		}
		pw.Close()
		sent <- n
	}()
	req, _ := http.NewRequest("POST", f.srv.BaseURL+"/v1/kyc/upload/pan", pr)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=B")
	req.Header.Set("X-API-Key", f.keyA)
	code, _, raw := send(t, req)
	pr.CloseWithError(io.ErrClosedPipe)
	if code != 413 {
		t.Fatalf("REST: %d %s", code, raw)
	}
	checkErrorBody(t, code, raw)
	select {
	case n := <-sent:
		if n > 20<<20 {
			t.Errorf("the server read %d MB of a 50 MB body before refusing", n>>20)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the client kept sending")
	}

	// gRPC: the server answers after ~5 MB; the client's sends then fail and CloseAndRecv has the verdict.
	stream, err := kycv1.NewKycServiceClient(f.srv.Dial(t)).UploadDocument(withKey(f.keyA))
	if err != nil {
		t.Fatal(err)
	}
	_ = stream.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: grpcMeta(pan, "owner-a")}})
	first := images.JPEGOfSize(300_000)[:200_000]
	_ = stream.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: first[:64<<10]}})
	var chunks int
	for chunks = 0; chunks < 800; chunks++ { // 800 x 64 KiB = 50 MB
		if stream.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: make([]byte, 64<<10)}}) != nil {
			break
		}
	}
	_, err = stream.CloseAndRecv()
	if statusOf(err).Code() != codes.ResourceExhausted {
		t.Fatalf("gRPC: %v", err)
	}
	if chunks >= 800 {
		t.Error("the server accepted all 50 MB of chunks before refusing")
	}
	if countDocuments(t, f.srv) != 0 || countObjects(t, f.srv) != 0 {
		t.Fatal("something was stored")
	}
}

func sessionOf(t *testing.T, srv *testserver.Server, user string) string {
	var id string
	if err := srv.Store().Pool().QueryRow(context.Background(),
		"SELECT id::text FROM kyc_sessions WHERE external_user_id = $1 ORDER BY created_at DESC LIMIT 1", user).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
