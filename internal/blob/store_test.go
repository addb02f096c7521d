package blob_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/blob"
	"github.com/enxtai/kyc/internal/blob/blobtest"
	"github.com/enxtai/kyc/internal/blob/envelope"
	"github.com/enxtai/kyc/internal/testkit/s3test"
)

func TestMain(m *testing.M) { s3test.RunMain(m) }

func newS3(t *testing.T) blob.Store {
	b := s3test.NewBucket(t)
	s, err := blob.NewS3Store(context.Background(), blob.S3Config{Endpoint: b.Endpoint, AccessKey: b.AccessKey,
		SecretKey: b.SecretKey, Bucket: b.Name, Region: b.Region})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newFS(t *testing.T) blob.Store {
	s, err := blob.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformanceS3(t *testing.T) { blobtest.Run(t, newS3) }
func TestConformanceFS(t *testing.T) { blobtest.Run(t, newFS) }

// TestS3CreatesBucket: a store on a new bucket name creates it at start.
func TestS3CreatesBucket(t *testing.T) {
	b := s3test.NewBucket(t)
	cfg := blob.S3Config{Endpoint: b.Endpoint, AccessKey: b.AccessKey, SecretKey: b.SecretKey,
		Bucket: b.Name + "-new", Region: b.Region}
	ctx := context.Background()
	for range 2 { // the second start finds it
		if _, err := blob.NewS3Store(ctx, cfg); err != nil {
			t.Fatal(err)
		}
	}
	ok, err := b.Client.BucketExists(ctx, cfg.Bucket)
	if err != nil || !ok {
		t.Fatalf("bucket not created: %v", err)
	}
	t.Cleanup(func() { _ = b.Client.RemoveBucket(ctx, cfg.Bucket) })
}

// TestS3Unavailable: a server that refuses connections gives ErrUnavailable, quickly.
func TestS3Unavailable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	start := time.Now()
	_, err = blob.NewS3Store(context.Background(), blob.S3Config{Endpoint: addr, AccessKey: "a", SecretKey: "b",
		Bucket: "kyc"})
	if !errors.Is(err, blob.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("took %s to notice the server is down", d)
	}

	// A store whose server goes away after start: every operation says ErrUnavailable, not "not found".
	own := s3test.StartOwn(t)
	s, err := blob.NewS3Store(context.Background(), blob.S3Config{Endpoint: own.Endpoint, AccessKey: own.AccessKey,
		SecretKey: own.SecretKey, Bucket: "goes-away", Region: own.Region})
	if err != nil {
		t.Fatal(err)
	}
	own.Stop()
	ctx := context.Background()
	ops := map[string]error{
		"put":    s.Put(ctx, "k", strings.NewReader("x"), 1),
		"stat":   func() error { _, err := s.Stat(ctx, "k"); return err }(),
		"get":    func() error { _, _, err := s.Get(ctx, "k"); return err }(),
		"delete": s.Delete(ctx, "k"),
		"list": func() error {
			for _, err := range s.List(ctx, "") {
				return err
			}
			return nil
		}(),
	}
	kr, err := envelope.NewKeyring(envelope.Key{ID: "k"})
	if err != nil {
		t.Fatal(err)
	}
	v, err := blob.NewVault(s, kr, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ops["vault put"] = func() error { _, err := v.Put(ctx, "k", strings.NewReader("x")); return err }()
	ops["vault put sized"] = func() error { _, err := v.PutSized(ctx, "k", strings.NewReader("x"), 1); return err }()
	ops["vault open"] = func() error { _, _, err := v.Open(ctx, "k"); return err }()
	for op, err := range ops {
		if !errors.Is(err, blob.ErrUnavailable) {
			t.Errorf("%s after the server stopped: err = %v, want ErrUnavailable", op, err)
		}
	}
}
