package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"
)

var (
	// ErrNotFound: the object does not exist.
	ErrNotFound = errors.New("blob: object not found")
	// ErrUnavailable: the storage cannot be reached or failed on its side (connection refused, timeout, 5xx).
	ErrUnavailable = errors.New("blob: storage unavailable")
	// ErrInvalidKey: the key is empty, absolute, has empty, "." or ".." segments, or characters outside the
	// safe set.
	ErrInvalidKey = errors.New("blob: invalid object key")
	// ErrSizeMismatch: Put was given a reader whose length differs from the declared size.
	ErrSizeMismatch = errors.New("blob: object length differs from declared size")
)

// ObjectInfo describes a stored object.
type ObjectInfo struct {
	Key     string
	Size    int64
	ModTime time.Time
}

// Store is an object store. Keys are slash-separated relative paths ("kyc/<session>/PAN_<ms>.jpg").
// Implementations are safe for concurrent use.
type Store interface {
	// Put stores exactly size bytes from r under key, replacing any object there. The object appears whole or
	// not at all; a reader with more or fewer bytes than size fails with ErrSizeMismatch (or the read error).
	// After a failed Put an object stored earlier under the same key may be gone too (the S3 store deletes
	// what the failed put wrote), so callers write each key once.
	Put(ctx context.Context, key string, r io.Reader, size int64) error
	// Get opens the object for reading; the caller closes it.
	Get(ctx context.Context, key string) (io.ReadCloser, ObjectInfo, error)
	// Stat describes the object.
	Stat(ctx context.Context, key string) (ObjectInfo, error)
	// Delete removes the object; deleting a missing object is not an error.
	Delete(ctx context.Context, key string) error
	// List yields the objects whose keys start with prefix, in lexical key order.
	List(ctx context.Context, prefix string) iter.Seq2[ObjectInfo, error]
}

// ValidateKey accepts slash-separated relative paths of [A-Za-z0-9._=-] segments (no empty, "." or ".."
// segments), at most 512 bytes. Both stores apply it, so a key valid for one is valid for the other and a key
// can never escape the filesystem store's directory.
func ValidateKey(key string) error {
	if key == "" || len(key) > 512 {
		return fmt.Errorf("%w: length %d", ErrInvalidKey, len(key))
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("%w: %q has an empty, '.' or '..' segment", ErrInvalidKey, key)
		}
		for _, r := range seg {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
				r == '.' || r == '_' || r == '-' || r == '=') {
				return fmt.Errorf("%w: %q has character %q", ErrInvalidKey, key, r)
			}
		}
	}
	return nil
}

// validatePrefix accepts "" or a prefix that is a valid key, optionally ending in "/".
func validatePrefix(prefix string) error {
	if prefix == "" {
		return nil
	}
	return ValidateKey(strings.TrimSuffix(prefix, "/"))
}

// exactReader fails with ErrSizeMismatch unless the underlying reader yields exactly size bytes.
type exactReader struct {
	r    io.Reader
	left int64
}

func (e *exactReader) Read(p []byte) (int, error) {
	if e.left == 0 {
		var one [1]byte
		n, err := io.ReadFull(e.r, one[:])
		if n > 0 {
			return 0, fmt.Errorf("%w: more bytes than declared", ErrSizeMismatch)
		}
		if errors.Is(err, io.EOF) {
			return 0, io.EOF
		}
		return 0, err
	}
	if int64(len(p)) > e.left {
		p = p[:e.left]
	}
	n, err := e.r.Read(p)
	e.left -= int64(n)
	if errors.Is(err, io.EOF) {
		if e.left > 0 {
			return n, fmt.Errorf("%w: %d bytes short", ErrSizeMismatch, e.left)
		}
		if n > 0 {
			return n, nil // the next call confirms EOF
		}
	}
	return n, err
}
