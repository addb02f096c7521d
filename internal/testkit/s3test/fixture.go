package s3test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// RunMain runs the package's tests with one shared S3 server, started on first use and stopped afterwards.
// Call it from TestMain: func TestMain(m *testing.M) { s3test.RunMain(m) } (m may wrap testing.M).
func RunMain(m interface{ Run() int }) {
	shared.Lock()
	shared.active = true
	shared.Unlock()
	code := m.Run()
	shared.Lock()
	shared.srv.Stop()
	shared.srv, shared.active = nil, false
	shared.Unlock()
	os.Exit(code)
}

// Start returns a running server for t: the shared one under RunMain, else one stopped when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	shared.Lock()
	defer shared.Unlock()
	if shared.active {
		if shared.srv == nil && shared.err == nil {
			shared.srv, shared.err = StartServer()
		}
		if shared.err != nil {
			t.Fatal(shared.err)
		}
		return shared.srv
	}
	s, err := StartServer()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// StartOwn starts a server for t alone (even under RunMain), stopped when t ends; for tests that stop it early
// to see how clients behave when storage goes away. With KYC_TEST_S3_ENDPOINT set it skips: that server is not
// ours to stop.
func StartOwn(t testing.TB) *Server {
	t.Helper()
	if os.Getenv(EnvEndpoint) != "" {
		t.Skip("s3test: external S3 endpoint configured; cannot stop it")
	}
	s, err := StartServer()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Bucket is a fresh, empty bucket for one test on a running server.
type Bucket struct {
	*Server
	Name   string
	Client *minio.Client
}

// NewBucket creates a bucket named after the test and removes it (with its objects) when the test ends.
func NewBucket(t testing.TB) Bucket {
	t.Helper()
	return NewBucketOn(t, Start(t))
}

// NewBucketOn creates a bucket for the test on the given server.
func NewBucketOn(t testing.TB, s *Server) Bucket {
	t.Helper()
	client, err := s.Client()
	if err != nil {
		t.Fatal(err)
	}
	name := bucketName(t.Name())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := client.MakeBucket(ctx, name, minio.MakeBucketOptions{Region: s.Region}); err != nil {
		t.Fatalf("s3test: creating bucket %s on %s: %v", name, s.Endpoint, err)
	}
	t.Cleanup(func() {
		if !s.Stopped() { // a test may stop its own server early; its data dir goes with it
			removeBucket(client, name)
		}
	})
	return Bucket{Server: s, Name: name, Client: client}
}

// Client is a minio client for the server.
func (s *Server) Client() (*minio.Client, error) {
	return minio.New(s.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(s.AccessKey, s.SecretKey, ""),
		Region: s.Region, BucketLookup: minio.BucketLookupPath})
}

var unsafeBucketChars = regexp.MustCompile(`[^a-z0-9-]+`)

// bucketName makes a valid, unique S3 bucket name (3-63 of [a-z0-9-]) from a test name.
func bucketName(test string) string {
	base := strings.Trim(unsafeBucketChars.ReplaceAllString(strings.ToLower(test), "-"), "-")
	if len(base) > 40 {
		base = base[:40]
	}
	return strings.Trim(fmt.Sprintf("t-%s-%s", base, randomHex(6)), "-")
}

func removeBucket(client *minio.Client, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for o := range client.ListObjects(ctx, name, minio.ListObjectsOptions{Recursive: true}) {
		if o.Err == nil {
			_ = client.RemoveObject(ctx, name, o.Key, minio.RemoveObjectOptions{})
		}
	}
	_ = client.RemoveBucket(ctx, name)
}
