package app_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"google.golang.org/grpc/codes"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/images"
)

const pan = kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD

// TestUploadBadInputBothTransports: each refused upload gives the same answer over gRPC and REST, and neither
// the database nor the bucket holds anything new afterwards.
func TestUploadBadInputBothTransports(t *testing.T) {
	f := newFixture(t)
	good := images.JPEG(640, 480, 80, 1)
	truncated := good[:len(good)/2]
	decided := "decided-user"
	postJSON(t, f.srv.BaseURL+"/v1/kyc/initiate", f.keyA, `{"externalUserId":"`+decided+`"}`, nil)
	if _, err := f.srv.Store().Pool().Exec(context.Background(),
		"UPDATE kyc_sessions SET status = 'FACE_VERIFIED' WHERE external_user_id = $1", decided); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		user     string // target externalUserId ("" = the fixture's open user)
		key      string // "" = client A
		data     []byte
		wantCode codes.Code
		wantHTTP int
		msg      string
	}{
		{"GIF named .jpg", "", "", images.GIF, codes.InvalidArgument, 400, "Invalid file type. Only JPEG and PNG are supported."},
		{"BMP named .jpg", "", "", images.BMP, codes.InvalidArgument, 400, "Invalid file type"},
		{"PDF named .jpg", "", "", images.PDF, codes.InvalidArgument, 400, "Invalid file type"},
		{"HEIC named .jpg", "", "", images.HEIC, codes.InvalidArgument, 400, "Invalid file type"},
		{"empty file", "", "", nil, codes.InvalidArgument, 400, "empty"},
		{"5 MB + 1 byte", "", "", images.JPEGOfSize(5<<20 + 1), codes.ResourceExhausted, 413, "File too large. Maximum size is 5MB."},
		{"1x100000 PNG", "", "", images.Flat(1, 100000), codes.InvalidArgument, 400, "1x100000"},
		{"30000x30000 PNG bomb", "", "", images.PNGBomb(30000, 30000), codes.InvalidArgument, 400, "30000x30000"},
		{"8192x8192 PNG: within the sides, over the pixel budget", "", "", images.PNGBomb(8192, 8192), codes.InvalidArgument, 400, "at most 40 megapixels"},
		{"truncated JPEG", "", "", truncated, codes.InvalidArgument, 400, "truncated or corrupt"},
		{"too small 200x200", "", "", images.JPEG(200, 200, 80, 2), codes.InvalidArgument, 400, "200x200"},
		{"unknown externalUserId", "nobody-here", "", good, codes.NotFound, 404, "No open KYC session"},
		{"another client's user", "", "B", good, codes.NotFound, 404, "No open KYC session"},
		{"decided session", decided, "", good, codes.FailedPrecondition, 400, "already decided"},
	}
	for _, tc := range cases {
		for _, transport := range []string{"grpc", "rest"} {
			t.Run(tc.name+"/"+transport, func(t *testing.T) {
				user, key := "owner-a", f.keyA
				if tc.user != "" {
					user = tc.user
				}
				if tc.key == "B" {
					key = f.keyB
				}
				docs, objs := countDocuments(t, f.srv), countObjects(t, f.srv)
				var msg string
				if transport == "grpc" {
					_, err := uploadGRPC(t, f.srv, key, grpcMeta(pan, user), tc.data)
					st := statusOf(err)
					if st.Code() != tc.wantCode {
						t.Fatalf("gRPC code %v (%s), want %v", st.Code(), st.Message(), tc.wantCode)
					}
					msg = st.Message()
				} else {
					code, _, raw := uploadREST(t, f.srv.BaseURL, key, pan, fileParts(user, tc.data, "card.jpg", "image/jpeg")...)
					if code != tc.wantHTTP {
						t.Fatalf("HTTP %d (%s), want %d", code, raw, tc.wantHTTP)
					}
					msg = checkErrorBody(t, code, raw)
				}
				if !strings.Contains(msg, tc.msg) {
					t.Errorf("message %q does not contain %q", msg, tc.msg)
				}
				if d, o := countDocuments(t, f.srv), countObjects(t, f.srv); d != docs || o != objs {
					t.Errorf("documents %d -> %d, objects %d -> %d: want no change", docs, d, objs, o)
				}
			})
		}
	}
}

// TestUploadOtherClientsSessionByID: naming another client's session id is 403, over both transports.
func TestUploadOtherClientsSessionByID(t *testing.T) {
	f := newFixture(t)
	meta := &kycv1.UploadMetadata{DocumentType: pan, Target: &kycv1.UploadMetadata_KycSessionId{KycSessionId: f.sessionA}}
	if _, err := uploadGRPC(t, f.srv, f.keyB, meta, images.JPEG(640, 480, 80, 1)); statusOf(err).Code() != codes.PermissionDenied {
		t.Fatalf("gRPC: %v", err)
	}
	parts := []formPart{{name: "kycSessionId", data: []byte(f.sessionA)}, {name: "file", fileName: "a.jpg", contentType: "image/jpeg", data: images.JPEG(640, 480, 80, 1)}}
	if code, _, raw := uploadREST(t, f.srv.BaseURL, f.keyB, pan, parts...); code != 403 {
		t.Fatalf("REST: %d %s", code, raw)
	}
	if countDocuments(t, f.srv) != 0 || countObjects(t, f.srv) != 0 {
		t.Fatal("something was stored")
	}
}

// TestUploadRESTFormErrors: what only a multipart form can get wrong.
func TestUploadRESTFormErrors(t *testing.T) {
	f := newFixture(t)
	good := images.JPEG(640, 480, 80, 1)
	file := formPart{name: "file", fileName: "pan.jpg", contentType: "image/jpeg", data: good}
	user := formPart{name: "externalUserId", data: []byte("owner-a")}
	cases := []struct {
		name  string
		parts []formPart
		want  int
		msg   string
	}{
		{"missing file", []formPart{user}, 400, "'file'"},
		{"missing externalUserId", []formPart{file}, 400, "'externalUserId'"},
		{"two files", []formPart{user, file, file}, 400, "exactly one file"},
		{"empty externalUserId", []formPart{{name: "externalUserId", data: nil}, file}, 400, "externalUserId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, raw := uploadREST(t, f.srv.BaseURL, f.keyA, pan, tc.parts...)
			if code != tc.want {
				t.Fatalf("HTTP %d (%s), want %d", code, raw, tc.want)
			}
			if msg := checkErrorBody(t, code, raw); !strings.Contains(msg, tc.msg) {
				t.Errorf("message %q lacks %q", msg, tc.msg)
			}
		})
	}
	t.Run("not multipart", func(t *testing.T) {
		code, _, raw := do(t, "POST", f.srv.BaseURL+"/v1/kyc/upload/pan", f.keyA, `{"externalUserId":"owner-a"}`, nil)
		if code != 400 || !strings.Contains(checkErrorBody(t, code, raw), "multipart/form-data") {
			t.Fatalf("%d %s", code, raw)
		}
	})
	t.Run("no key", func(t *testing.T) {
		code, _, raw := uploadREST(t, f.srv.BaseURL, "", pan, user, file)
		if code != 401 {
			t.Fatalf("%d %s", code, raw)
		}
	})
	if countDocuments(t, f.srv) != 0 || countObjects(t, f.srv) != 0 {
		t.Fatal("a refused form stored something")
	}
	t.Run("file before externalUserId is accepted", func(t *testing.T) {
		code, body, raw := uploadREST(t, f.srv.BaseURL, f.keyA, pan, file, user)
		if code != 200 || body["success"] != true {
			t.Fatalf("%d %s", code, raw)
		}
	})
}

// TestUploadGRPCStreamErrors: what only a chunk stream can get wrong.
func TestUploadGRPCStreamErrors(t *testing.T) {
	f := newFixture(t)
	good := images.JPEG(300, 300, 80, 1) // under 2 x 64 KiB
	if len(good) > 120000 || len(good) < 61000 {
		t.Fatalf("test image of %d bytes", len(good))
	}
	client := kycv1.NewKycServiceClient(f.srv.Dial(t))
	open := func() kycv1.KycService_UploadDocumentClient {
		s, err := client.UploadDocument(withKey(f.keyA))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	metaMsg := &kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: grpcMeta(pan, "owner-a")}}
	chunk := func(b []byte) *kycv1.UploadDocumentRequest {
		return &kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: b}}
	}
	cases := []struct {
		name string
		msgs []*kycv1.UploadDocumentRequest
		code codes.Code
		msg  string
	}{
		{"empty stream", nil, codes.InvalidArgument, "empty"},
		{"chunk before metadata", []*kycv1.UploadDocumentRequest{chunk(good[:100])}, codes.InvalidArgument, "metadata"},
		{"metadata twice", []*kycv1.UploadDocumentRequest{metaMsg, chunk(good[:1000]), metaMsg}, codes.InvalidArgument, "only once"},
		{"stream ends early", []*kycv1.UploadDocumentRequest{metaMsg, chunk(good[:60000]), chunk(good[60000 : len(good)-500])}, codes.InvalidArgument, "truncated"},
		{"chunk over 64 KiB", []*kycv1.UploadDocumentRequest{metaMsg, chunk(make([]byte, 64<<10+1))}, codes.InvalidArgument, "chunk"},
		{"metadata without target", []*kycv1.UploadDocumentRequest{{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: &kycv1.UploadMetadata{DocumentType: pan}}}}, codes.InvalidArgument, "target"},
		{"metadata without document type", []*kycv1.UploadDocumentRequest{{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: &kycv1.UploadMetadata{Target: &kycv1.UploadMetadata_ExternalUserId{ExternalUserId: "owner-a"}}}}}, codes.InvalidArgument, "documentType"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := open()
			for _, m := range tc.msgs {
				if err := s.Send(m); err != nil {
					break
				}
			}
			_, err := s.CloseAndRecv()
			st := statusOf(err)
			if st.Code() != tc.code || !strings.Contains(st.Message(), tc.msg) {
				t.Fatalf("got %v %q, want %v containing %q", st.Code(), st.Message(), tc.code, tc.msg)
			}
		})
	}
	if countDocuments(t, f.srv) != 0 || countObjects(t, f.srv) != 0 {
		t.Fatal("a refused stream stored something")
	}
}

// TestUploadFlow: four uploads move the session to DOCUMENTS_UPLOADED with the event recorded; documents are
// stored encrypted under the documented key; a re-upload replaces the document and its object.
func TestUploadFlow(t *testing.T) {
	f := newFixture(t)
	docs := []kycv1.DocumentType{pan, kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT, kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK, kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO}
	var firstKey string
	for i, doc := range docs {
		data := images.JPEG(800, 500, 85, uint64(i))
		var sid, url string
		if i%2 == 0 { // alternate transports
			code, body, raw := uploadREST(t, f.srv.BaseURL, f.keyA, doc, fileParts("owner-a", data, "doc.jpg", "image/jpeg")...)
			if code != 200 || body["success"] != true || len(body) != 3 {
				t.Fatalf("upload %v: %d %s", doc, code, raw)
			}
			sid, url = body["kycSessionId"].(string), body["documentUrl"].(string)
		} else {
			resp, err := uploadGRPC(t, f.srv, f.keyA, grpcMeta(doc, "owner-a"), data)
			if err != nil {
				t.Fatal(err)
			}
			sid, url = resp.GetKycSessionId(), resp.GetDocumentUrl()
		}
		if sid != f.sessionA {
			t.Fatalf("uploaded to %s, want the open session %s", sid, f.sessionA)
		}
		if i == 0 {
			firstKey = url
		}
		_, st, _ := do(t, "GET", f.srv.BaseURL+"/v1/kyc/status/"+f.sessionA, f.keyA, "", nil)
		wantStatus, wantProgress := "PENDING", float64((i+1)*10)
		if i == 3 {
			wantStatus, wantProgress = "DOCUMENTS_UPLOADED", 40
		}
		if st["status"] != wantStatus || st["progress"] != wantProgress {
			t.Fatalf("after %d uploads: %v %v, want %s %v", i+1, st["status"], st["progress"], wantStatus, wantProgress)
		}
	}
	if !strings.HasPrefix(firstKey, "kyc-") || !strings.Contains(firstKey, "/"+f.sessionA+"/PAN_CARD_") || !strings.HasSuffix(firstKey, ".jpg") {
		t.Fatalf("documentUrl %q is not kyc-<client>/<session>/PAN_CARD_<ms>.jpg", firstKey)
	}
	var events int
	_ = f.srv.Store().Pool().QueryRow(context.Background(),
		"SELECT count(*) FROM session_events WHERE session_id = $1 AND kind = 'kyc.documents_uploaded'", f.sessionA).Scan(&events)
	if events != 1 {
		t.Fatalf("%d kyc.documents_uploaded events, want 1", events)
	}
	// Stored encrypted: the object is neither the plaintext nor even a JPEG.
	obj, err := f.srv.S3.Client.GetObject(context.Background(), f.srv.S3.Name, firstKey, minio.GetObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close() // minio-go keeps a goroutine per open object (goleak caught it)
	stored, _ := io.ReadAll(obj)
	if len(stored) == 0 || bytes.HasPrefix(stored, []byte{0xFF, 0xD8}) || bytes.Contains(stored, images.JPEG(800, 500, 85, 0)[:512]) {
		t.Fatal("the stored object is not encrypted")
	}
	// Re-upload: PNG bytes declared as JPEG are fine (the bytes decide); the old object is gone.
	code, body, raw := uploadREST(t, f.srv.BaseURL, f.keyA, pan, fileParts("owner-a", images.PNG(640, 480, 9), "pan.jpg", "image/jpeg")...)
	if code != 200 || !strings.HasSuffix(body["documentUrl"].(string), ".png") {
		t.Fatalf("re-upload: %d %s", code, raw)
	}
	// The replaced object is removed just after the answer.
	for deadline := time.Now().Add(5 * time.Second); countObjects(t, f.srv) != 4 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if countDocuments(t, f.srv) != 4 || countObjects(t, f.srv) != 4 {
		t.Fatalf("after a replace: %d documents, %d objects, want 4 and 4", countDocuments(t, f.srv), countObjects(t, f.srv))
	}
	var version int
	_ = f.srv.Store().Pool().QueryRow(context.Background(), "SELECT version FROM documents WHERE session_id = $1 AND doc_type = 'PAN_CARD'", f.sessionA).Scan(&version)
	if version != 2 {
		t.Fatalf("PAN version %d, want 2", version)
	}
}

// TestUploadDeclaredSize: a gRPC client that declares the size gets the streaming path; a wrong size or a bad
// file is refused with nothing stored; a size over the limit is refused before any byte.
func TestUploadDeclaredSize(t *testing.T) {
	f := newFixture(t)
	good := images.JPEG(800, 600, 85, 3)
	sized := func(n int) *kycv1.UploadMetadata {
		m := grpcMeta(pan, "owner-a")
		m.SizeBytes = int64(n)
		return m
	}
	cases := []struct {
		name string
		meta *kycv1.UploadMetadata
		data []byte
		code codes.Code
		msg  string
	}{
		{"size too small", sized(len(good) - 10), good, codes.InvalidArgument, "declared"},
		{"size too large", sized(len(good) + 10), good, codes.InvalidArgument, "declared"},
		{"over the limit", sized(6 << 20), good, codes.ResourceExhausted, "5MB"},
		{"GIF with its size", sized(len(images.GIF)), images.GIF, codes.InvalidArgument, "Invalid file type"},
		{"truncated JPEG with its size", sized(len(good) / 2), good[:len(good)/2], codes.InvalidArgument, "truncated"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := uploadGRPC(t, f.srv, f.keyA, tc.meta, tc.data)
			if st := statusOf(err); st.Code() != tc.code || !strings.Contains(st.Message(), tc.msg) {
				t.Fatalf("got %v %q, want %v containing %q", st.Code(), st.Message(), tc.code, tc.msg)
			}
		})
	}
	if countDocuments(t, f.srv) != 0 || countObjects(t, f.srv) != 0 {
		t.Fatalf("refused uploads stored something: %d documents, %d objects", countDocuments(t, f.srv), countObjects(t, f.srv))
	}
	resp, err := uploadGRPC(t, f.srv, f.keyA, sized(len(good)), good)
	if err != nil || !strings.HasSuffix(resp.GetDocumentUrl(), ".jpg") {
		t.Fatalf("declared upload: %v %v", resp, err)
	}
	if countDocuments(t, f.srv) != 1 || countObjects(t, f.srv) != 1 {
		t.Fatal("the declared upload was not stored")
	}
}
