package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// tmpPrefix marks files being written; List skips them and keys whose last segment starts with it are refused.
const tmpPrefix = ".put-"

// FSStore keeps objects as files under one directory: key "a/b/c.jpg" is file <dir>/a/b/c.jpg. Writes go to a
// temporary file in the same directory, are synced, then renamed into place, so readers see whole objects only.
// Meant for a single machine; several servers need the S3 store.
type FSStore struct {
	dir string
}

var _ Store = (*FSStore)(nil)

// NewFSStore opens (creating it if needed) the directory dir.
func NewFSStore(dir string) (*FSStore, error) {
	if dir == "" {
		return nil, errors.New("blob: filesystem store needs a directory")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("blob: creating %s: %w", abs, err)
	}
	return &FSStore{dir: abs}, nil
}

func (s *FSStore) path(key string) (string, error) {
	if err := ValidateKey(key); err != nil {
		return "", err
	}
	if strings.HasPrefix(filepath.Base(key), tmpPrefix) {
		return "", fmt.Errorf("%w: %q uses a reserved name", ErrInvalidKey, key)
	}
	return filepath.Join(s.dir, filepath.FromSlash(key)), nil
}

// Put implements Store.
func (s *FSStore) Put(ctx context.Context, key string, r io.Reader, size int64) error {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	if size < 0 {
		return fmt.Errorf("blob: put %s: size must be known", key)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), tmpPrefix+"*")
	if err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after the rename
	_, err = io.Copy(f, &ctxReader{ctx: ctx, r: &exactReader{r: r, left: size}})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	return nil
}

// Get implements Store.
func (s *FSStore) Get(ctx context.Context, key string) (io.ReadCloser, ObjectInfo, error) {
	p, err := s.path(key)
	if err != nil {
		return nil, ObjectInfo{}, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, ObjectInfo{}, s.mapErr("get", key, err)
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, ObjectInfo{}, s.mapErr("get", key, errOr(err, fs.ErrNotExist))
	}
	return f, ObjectInfo{Key: key, Size: st.Size(), ModTime: st.ModTime()}, nil
}

// Stat implements Store.
func (s *FSStore) Stat(ctx context.Context, key string) (ObjectInfo, error) {
	p, err := s.path(key)
	if err != nil {
		return ObjectInfo{}, err
	}
	st, err := os.Stat(p)
	if err != nil || !st.Mode().IsRegular() {
		return ObjectInfo{}, s.mapErr("stat", key, errOr(err, fs.ErrNotExist))
	}
	return ObjectInfo{Key: key, Size: st.Size(), ModTime: st.ModTime()}, nil
}

// Delete implements Store. Empty parent directories are left in place (harmless, and racing Puts may need them).
func (s *FSStore) Delete(ctx context.Context, key string) error {
	p, err := s.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return s.mapErr("delete", key, err)
	}
	return nil
}

// List implements Store. Keys are collected and sorted so the order matches S3's (byte order of whole keys).
func (s *FSStore) List(ctx context.Context, prefix string) iter.Seq2[ObjectInfo, error] {
	return func(yield func(ObjectInfo, error) bool) {
		if err := validatePrefix(prefix); err != nil {
			yield(ObjectInfo{}, err)
			return
		}
		var found []ObjectInfo
		err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			rel := filepath.ToSlash(strings.TrimPrefix(p, s.dir+string(filepath.Separator)))
			if d.IsDir() {
				if p != s.dir && !strings.HasPrefix(rel+"/", prefix) && !strings.HasPrefix(prefix, rel+"/") {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), tmpPrefix) || !strings.HasPrefix(rel, prefix) {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil // removed while listing
			}
			found = append(found, ObjectInfo{Key: rel, Size: info.Size(), ModTime: info.ModTime()})
			return nil
		})
		if err != nil {
			yield(ObjectInfo{}, fmt.Errorf("blob: list %q: %w", prefix, err))
			return
		}
		slices.SortFunc(found, func(a, b ObjectInfo) int { return strings.Compare(a.Key, b.Key) })
		for _, o := range found {
			if !yield(o, nil) {
				return
			}
		}
	}
}

func (s *FSStore) mapErr(op, key string, err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return fmt.Errorf("%w: %s %s", ErrNotFound, op, key)
	}
	return fmt.Errorf("blob: %s %s: %w", op, key, err)
}

func errOr(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}

// ctxReader stops a copy when the context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
