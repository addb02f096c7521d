package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config says how to reach an S3-compatible server.
type S3Config struct {
	Endpoint  string // host:port, no scheme
	AccessKey string
	SecretKey string // never logged
	Bucket    string
	Region    string // "" lets the client default ("us-east-1")
	UseSSL    bool
	// MaxRetries bounds the client's retries on network errors, so an unreachable server fails in about a second
	// (a 503 to the client) instead of after minio-go's default ten attempts.
	MaxRetries int
}

// String hides the secret key.
func (c S3Config) String() string {
	return fmt.Sprintf("S3Config{Endpoint:%s Bucket:%s Region:%s UseSSL:%t AccessKey:%s}", c.Endpoint, c.Bucket,
		c.Region, c.UseSSL, c.AccessKey)
}

// S3Store keeps objects in one bucket of an S3-compatible server.
type S3Store struct {
	client *minio.Client
	bucket string
}

var _ Store = (*S3Store)(nil)

// NewS3Store connects and creates the bucket if it is missing. An unreachable server fails with ErrUnavailable.
func NewS3Store(ctx context.Context, cfg S3Config) (*S3Store, error) {
	if cfg.Endpoint == "" || cfg.Bucket == "" {
		return nil, errors.New("blob: S3 endpoint and bucket are required")
	}
	client, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:       cfg.UseSSL,
		Region:       cfg.Region,
		BucketLookup: minio.BucketLookupPath,
		MaxRetries:   max(cfg.MaxRetries, 1),
		Transport:    s3Transport(cfg.UseSSL),
	})
	if err != nil {
		return nil, fmt.Errorf("blob: S3 client for %s: %w", cfg.Endpoint, err)
	}
	s := &S3Store{client: client, bucket: cfg.Bucket}
	if err := s.ensureBucket(ctx, cfg.Region); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *S3Store) ensureBucket(ctx context.Context, region string) error {
	exists, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return s.mapErr("bucket exists", s.bucket, err)
	}
	if exists {
		return nil
	}
	err = s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{Region: region})
	code := minio.ToErrorResponse(err).Code
	if err != nil && code != "BucketAlreadyOwnedByYou" && code != "BucketAlreadyExists" {
		return s.mapErr("make bucket", s.bucket, err)
	}
	return nil
}

// Client exposes the minio client (benchmarks compare against a direct PutObject).
func (s *S3Store) Client() *minio.Client { return s.client }

// Bucket names the store's bucket.
func (s *S3Store) Bucket() string { return s.bucket }

// putTimeout bounds one put. A put does not follow its caller's context (see Put), so it needs its own limit.
const putTimeout = 2 * time.Minute

// Put implements Store. The payload goes unsigned (UNSIGNED-PAYLOAD; the request itself is signed): every byte
// of a document is already authenticated by its AES-GCM sealing, and hashing it twice more (minio-go signing
// each chunk, the server checking each signature) was the largest single cost of an upload (bench/blob.md).
//
// Without payload signatures a server may keep a body that ends early (versitygw v1.8.0 stores it as a
// shorter object), so Put never ends a body early: when r fails, runs short or long, or ctx ends, the rest of
// the declared length is sent as zeros, and the object, complete but not what was asked for, is deleted before
// Put returns the error. The put itself runs detached from ctx for the same reason. Only a connection lost on
// the network side can cut a body; Put deletes what that may leave, and the orphan sweep what a crash leaves.
func (s *S3Store) Put(ctx context.Context, key string, r io.Reader, size int64) error {
	if err := ValidateKey(key); err != nil {
		return err
	}
	if size < 0 {
		return fmt.Errorf("blob: put %s: size must be known", key)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err) // nothing sent yet: nothing to complete
	}
	body, err := sizedBody(ctx, r, size)
	if err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	putCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), putTimeout)
	defer cancel()
	_, err = s.client.PutObject(putCtx, s.bucket, key, body, size, minio.PutObjectOptions{
		ContentType:          "application/octet-stream",
		DisableContentSha256: true,
	})
	full, _ := body.(*fullBody)
	if err == nil && full != nil {
		err = full.finish()
	}
	if err == nil {
		return nil
	}
	s.discard(putCtx, key)
	if errors.Is(err, ErrSizeMismatch) {
		return fmt.Errorf("blob: put %s: %w", key, ErrSizeMismatch)
	}
	if full != nil && full.err != nil {
		return fmt.Errorf("blob: put %s: %w", key, full.err) // the source's failure, not the padded put's
	}
	return s.mapErr("put", key, err)
}

// discard deletes what a failed put may have stored; a failure leaves it to the orphan sweep.
func (s *S3Store) discard(ctx context.Context, key string) {
	_ = s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{})
}

// sizedBody checks a seekable reader's remaining length up front and passes it on as a section (minio-go can
// then retry from the start); other readers are wrapped in fullBody.
func sizedBody(ctx context.Context, r io.Reader, size int64) (io.Reader, error) {
	ra, okA := r.(io.ReaderAt)
	sk, okS := r.(io.Seeker)
	if !okA || !okS {
		return &fullBody{ctx: ctx, r: &exactReader{r: r, left: size}, left: size}, nil
	}
	cur, err := sk.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, err
	}
	end, err := sk.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	if _, err := sk.Seek(cur, io.SeekStart); err != nil {
		return nil, err
	}
	if end-cur != size {
		return nil, fmt.Errorf("%w: %d bytes available, %d declared", ErrSizeMismatch, end-cur, size)
	}
	return io.NewSectionReader(ra, cur, size), nil
}

// fullBody yields exactly left bytes whatever its source does: the source's bytes while it behaves and ctx
// lasts, then zeros. err records why it padded; finish also catches a source longer than declared.
type fullBody struct {
	ctx  context.Context
	r    *exactReader
	left int64
	err  error
	done bool // the source was read to its end (and checked for extra bytes)
}

func (b *fullBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), b.left)]
	if b.err == nil {
		b.err = b.ctx.Err()
	}
	if b.err == nil {
		n, err := b.r.Read(p)
		b.left -= int64(n)
		switch {
		case errors.Is(err, io.EOF) && b.left == 0:
			b.done = true
		case err != nil && !errors.Is(err, io.EOF):
			b.err = err
		}
		if n > 0 || b.err == nil {
			return n, nil
		}
	}
	clear(p)
	b.left -= int64(len(p))
	return len(p), nil
}

// finish reports why the body was padded, or whether the source had bytes beyond the declared size.
func (b *fullBody) finish() error {
	if b.err == nil && !b.done {
		var one [1]byte
		if _, err := b.r.Read(one[:]); err != nil && !errors.Is(err, io.EOF) {
			b.err = err
		}
		b.done = true
	}
	return b.err
}

// Get implements Store.
func (s *S3Store) Get(ctx context.Context, key string) (io.ReadCloser, ObjectInfo, error) {
	if err := ValidateKey(key); err != nil {
		return nil, ObjectInfo{}, err
	}
	obj, err := s.client.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, ObjectInfo{}, s.mapErr("get", key, err)
	}
	st, err := obj.Stat()
	if err != nil {
		obj.Close()
		return nil, ObjectInfo{}, s.mapErr("get", key, err)
	}
	return obj, ObjectInfo{Key: key, Size: st.Size, ModTime: st.LastModified}, nil
}

// Stat implements Store.
func (s *S3Store) Stat(ctx context.Context, key string) (ObjectInfo, error) {
	if err := ValidateKey(key); err != nil {
		return ObjectInfo{}, err
	}
	st, err := s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return ObjectInfo{}, s.mapErr("stat", key, err)
	}
	return ObjectInfo{Key: key, Size: st.Size, ModTime: st.LastModified}, nil
}

// Delete implements Store.
func (s *S3Store) Delete(ctx context.Context, key string) error {
	if err := ValidateKey(key); err != nil {
		return err
	}
	if err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		if errors.Is(s.mapErr("delete", key, err), ErrNotFound) {
			return nil
		}
		return s.mapErr("delete", key, err)
	}
	return nil
}

// List implements Store.
func (s *S3Store) List(ctx context.Context, prefix string) iter.Seq2[ObjectInfo, error] {
	return func(yield func(ObjectInfo, error) bool) {
		if err := validatePrefix(prefix); err != nil {
			yield(ObjectInfo{}, err)
			return
		}
		ctx, cancel := context.WithCancel(ctx)
		defer cancel() // stops minio-go's listing goroutine when the caller stops early
		for o := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
			if o.Err != nil {
				yield(ObjectInfo{}, s.mapErr("list", prefix, o.Err))
				return
			}
			if strings.HasSuffix(o.Key, "/") {
				continue // directory placeholders some servers report
			}
			if !yield(ObjectInfo{Key: o.Key, Size: o.Size, ModTime: o.LastModified}, nil) {
				return
			}
		}
	}
}

// mapErr turns minio-go errors into the package's sentinels: S3 "not found" codes into ErrNotFound, transport
// failures and 5xx answers into ErrUnavailable; context errors stay what they are.
func (s *S3Store) mapErr(op, key string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("blob: %s %s: %w", op, key, err)
	}
	resp := minio.ToErrorResponse(err)
	switch {
	case resp.Code == "NoSuchKey" || resp.Code == "NotFound" || resp.Code == "NoSuchVersion":
		return fmt.Errorf("%w: %s %s", ErrNotFound, op, key)
	case resp.StatusCode >= 500 || resp.Code == "SlowDown" || resp.Code == "NoSuchBucket":
		// A missing bucket is a deployment fault (it is created at start), not a missing document.
		return fmt.Errorf("%w: %s %s: %s", ErrUnavailable, op, key, resp.Code)
	case resp.StatusCode == 0:
		// No S3 answer at all: connection refused, DNS, TLS, timeout.
		return fmt.Errorf("%w: %s %s: %v", ErrUnavailable, op, key, err)
	case resp.StatusCode == http.StatusNotFound:
		return fmt.Errorf("%w: %s %s (%s)", ErrNotFound, op, key, resp.Code)
	}
	return fmt.Errorf("blob: %s %s: %w", op, key, err)
}
