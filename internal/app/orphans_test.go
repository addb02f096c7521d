package app_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestOrphanSweep: the periodic sweep deletes a document object no document refers to (as an upload whose
// recording and cleanup both failed leaves behind) once it is older than the grace period, and keeps the
// objects documents refer to, objects of clients the database does not know (another deployment sharing the
// bucket) and anything outside the document key scheme.
func TestOrphanSweep(t *testing.T) {
	srv := testserver.Start(t, testserver.WithWorkers(), testserver.WithConfig(func(c *config.Config) {
		c.OrphanSweepInterval, c.OrphanGrace = 2*time.Second, time.Second
	}))
	clientID, key := srv.NewClient(t, "Acme Lending")
	sid := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", key, `{"externalUserId":"sweep-user"}`, nil)["kycSessionId"].(string)
	if code, _, raw := uploadREST(t, srv.BaseURL, key, kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD,
		fileParts("sweep-user", images.JPEG(640, 400, 80, 1), "pan.jpg", "image/jpeg")...); code != 200 {
		t.Fatalf("upload: %d %s", code, raw)
	}
	put := func(key string) {
		t.Helper()
		if _, err := srv.S3.Client.PutObject(context.Background(), srv.S3.Name, key, bytes.NewReader([]byte("x")), 1,
			minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	orphan := "kyc-" + clientID[:8] + "/" + sid + "/AADHAAR_FRONT_1700000000000.jpg"
	otherDeployment := "kyc-0badc0de/" + sid + "/AADHAAR_BACK_1700000000000.jpg"
	foreign := "someone-else/keep.txt"
	for _, k := range []string{orphan, otherDeployment, foreign} {
		put(k)
	}

	waitUntil(t, 30*time.Second, "the sweep to delete the orphan", func() bool {
		return !slices.Contains(allObjects(t, srv), orphan)
	})
	left := allObjects(t, srv)
	if !slices.Contains(left, foreign) || !slices.Contains(left, otherDeployment) {
		t.Errorf("an object that is not this deployment's was deleted: %v", left)
	}
	if docs := objectsOf(t, srv, "kyc-"+clientID[:8]+"/"+sid); len(docs) != 1 {
		t.Errorf("the session's document objects: %v", docs)
	}
}

func allObjects(t *testing.T, srv *testserver.Server) []string {
	t.Helper()
	var keys []string
	for obj := range srv.S3.Client.ListObjects(context.Background(), srv.S3.Name, minio.ListObjectsOptions{Recursive: true}) {
		if obj.Err != nil {
			t.Fatal(obj.Err)
		}
		keys = append(keys, obj.Key)
	}
	return keys
}
