package app_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/minio/minio-go/v7"
	"google.golang.org/grpc/status"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// docPaths are the REST upload paths per gRPC document type.
var docPaths = map[kycv1.DocumentType]string{
	kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD:      "/v1/kyc/upload/pan",
	kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT: "/v1/kyc/upload/aadhaar/front",
	kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK:  "/v1/kyc/upload/aadhaar/back",
	kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO:    "/v1/kyc/upload/live-photo",
}

type formPart struct {
	name, fileName, contentType string
	data                        []byte
}

// uploadREST posts a multipart form as the guide's examples do; it returns the status and the decoded body.
func uploadREST(t *testing.T, base, key string, doc kycv1.DocumentType, parts ...formPart) (int, map[string]any, []byte) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, p := range parts {
		if p.fileName == "" {
			_ = mw.WriteField(p.name, string(p.data))
			continue
		}
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{`form-data; name="` + p.name + `"; filename="` + p.fileName + `"`}
		h["Content-Type"] = []string{p.contentType}
		w, _ := mw.CreatePart(h)
		_, _ = w.Write(p.data)
	}
	_ = mw.Close()
	req, _ := http.NewRequest("POST", base+docPaths[doc], &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-API-Key", key)
	return send(t, req)
}

func send(t *testing.T, req *http.Request) (int, map[string]any, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, decodeMaybe(raw), raw
}

func decodeMaybe(raw []byte) map[string]any {
	var m map[string]any
	_ = jsonUnmarshal(raw, &m)
	return m
}

func fileParts(user string, data []byte, name, ctype string) []formPart {
	return []formPart{{name: "externalUserId", data: []byte(user)}, {name: "file", fileName: name, contentType: ctype, data: data}}
}

// uploadGRPC streams metadata then 64 KiB chunks; it returns the response or the status error.
func uploadGRPC(t testing.TB, srv *testserver.Server, key string, meta *kycv1.UploadMetadata, data []byte) (*kycv1.UploadDocumentResponse, error) {
	t.Helper()
	ctx := testserver.WithKey(context.Background(), key)
	stream, err := kycv1.NewKycServiceClient(srv.Dial(t)).UploadDocument(ctx)
	if err != nil {
		return nil, err
	}
	msgs := []*kycv1.UploadDocumentRequest{{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: meta}}}
	for off := 0; off < len(data); off += 64 << 10 {
		end := min(off+64<<10, len(data))
		msgs = append(msgs, &kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: data[off:end]}})
	}
	for _, m := range msgs {
		if err := stream.Send(m); err != nil {
			break // the server answered early; CloseAndRecv has its verdict
		}
	}
	return stream.CloseAndRecv()
}

func grpcMeta(doc kycv1.DocumentType, user string) *kycv1.UploadMetadata {
	return &kycv1.UploadMetadata{DocumentType: doc, Target: &kycv1.UploadMetadata_ExternalUserId{ExternalUserId: user},
		ContentType: "image/jpeg", FileName: "doc.jpg"}
}

// countObjects counts the objects in the server's bucket.
func countObjects(t *testing.T, srv *testserver.Server) int {
	t.Helper()
	n := 0
	for obj := range srv.S3.Client.ListObjects(context.Background(), srv.S3.Name, minio.ListObjectsOptions{Recursive: true}) {
		if obj.Err != nil {
			t.Fatal(obj.Err)
		}
		n++
	}
	return n
}

func countDocuments(t *testing.T, srv *testserver.Server) int {
	t.Helper()
	var n int
	if err := srv.Store().Pool().QueryRow(context.Background(), "SELECT count(*) FROM documents").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func statusOf(err error) *status.Status { return status.Convert(err) }
