package s3test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"
)

func TestMain(m *testing.M) { RunMain(m) }

func TestBucketIsFreshAndUsable(t *testing.T) {
	a, b := NewBucket(t), NewBucket(t)
	if a.Name == b.Name || a.Endpoint != b.Endpoint {
		t.Fatalf("want two buckets on one shared server, got %s@%s and %s@%s", a.Name, a.Endpoint, b.Name, b.Endpoint)
	}
	ctx := context.Background()
	if _, err := a.Client.PutObject(ctx, a.Name, "k", bytes.NewReader([]byte("hello")), 5, minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	obj, err := a.Client.GetObject(ctx, a.Name, "k", minio.GetObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(obj)
	if err != nil || string(got) != "hello" {
		t.Fatalf("read back %q, %v", got, err)
	}
	for o := range b.Client.ListObjects(ctx, b.Name, minio.ListObjectsOptions{Recursive: true}) {
		t.Fatalf("fresh bucket holds %q (err %v)", o.Key, o.Err)
	}
}

func TestBucketName(t *testing.T) {
	for _, name := range []string{"TestX/sub_case#01", strings.Repeat("Long", 30), "a"} {
		b := bucketName(name)
		if len(b) < 3 || len(b) > 63 || unsafeBucketChars.MatchString(b) || strings.HasSuffix(b, "-") {
			t.Errorf("bucketName(%q) = %q is not a valid bucket name", name, b)
		}
	}
}

func TestMissingBinaryNamesMakeSetup(t *testing.T) {
	t.Setenv(EnvEndpoint, "")
	t.Setenv(EnvBinary, "")
	t.Setenv("PATH", t.TempDir())
	t.Chdir(t.TempDir()) // no module root, so no .cache/bin
	_, err := StartServer()
	if err == nil || !strings.Contains(err.Error(), "make setup") {
		t.Fatalf("err = %v, want a message naming `make setup`", err)
	}
}
