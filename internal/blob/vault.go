package blob

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/enxtai/kyc/internal/blob/envelope"
)

// Vault stores documents sealed with envelope encryption in a Store. Object keys are bound into each object's
// sealing, so an object copied or moved to another key does not open.
type Vault struct {
	store    Store
	keys     *envelope.Keyring
	spoolDir string
	mem      chan *bytes.Buffer // idle in-memory spools (PutExpected)
}

// NewVault seals with keys' active key into store; spools live in spoolDir ("" = the OS temp dir).
func NewVault(store Store, keys *envelope.Keyring, spoolDir string) (*Vault, error) {
	if store == nil || keys == nil {
		return nil, errors.New("blob: vault needs a store and a keyring")
	}
	v := &Vault{store: store, keys: keys, spoolDir: spoolDir, mem: make(chan *bytes.Buffer, memSpools)}
	for range memSpools {
		v.mem <- new(bytes.Buffer) // grows on first use
	}
	return v, nil
}

// Store is the underlying (ciphertext) store, e.g. for a sweep of unreferenced objects.
func (v *Vault) Store() Store { return v.store }

// NewSpool starts sealing an upload into an anonymous temporary file. Write the plaintext to it (tee it with an
// imagecheck.Checker), then Commit under the object key once the upload is known good, and Close in any case.
func (v *Vault) NewSpool() (*Spool, error) {
	f, err := v.tempFile()
	if err != nil {
		return nil, err
	}
	w, err := envelope.NewDetachedWriter(f, v.keys)
	if err == nil {
		_, err = f.Seek(int64(w.HeaderSize()), io.SeekStart) // the header is written last, in front
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("blob: starting spool: %w", err)
	}
	return &Spool{v: v, f: f, w: w}, nil
}

// tempFile creates a spool file, unlinked at once: nothing is left on disk if the process dies, and no other
// process can open it by name. (Where the OS refuses to unlink an open file, Close removes it.)
func (v *Vault) tempFile() (*tempFile, error) {
	f, err := os.CreateTemp(v.spoolDir, "kyc-spool-*")
	if err != nil {
		return nil, fmt.Errorf("blob: creating spool: %w", err)
	}
	t := &tempFile{File: f}
	if os.Remove(f.Name()) != nil {
		t.name = f.Name()
	}
	return t, nil
}

// tempFile is an *os.File that removes itself on Close if it could not be unlinked when created.
type tempFile struct {
	*os.File
	name string
}

func (t *tempFile) Close() error {
	err := t.File.Close()
	if t.name != "" {
		os.Remove(t.name)
	}
	return err
}

// Spool is one upload being sealed to a temporary file: it holds one 64 KiB segment in memory and writes only
// ciphertext to disk. Not safe for concurrent use.
type Spool struct {
	v         *Vault
	f         *tempFile
	w         *envelope.Writer
	committed bool
	closed    bool
}

// Write seals p into the spool.
func (s *Spool) Write(p []byte) (int, error) {
	if s.committed || s.closed {
		return 0, errors.New("blob: spool already committed or closed")
	}
	return s.w.Write(p)
}

// Size is the plaintext written so far.
func (s *Spool) Size() int64 { return s.w.Plaintext() }

// Commit seals the end of the stream, binds the object to key, and puts it with its exact size. On error nothing
// is stored under key (Put is all or nothing). The spool still needs Close.
func (s *Spool) Commit(ctx context.Context, key string) (ObjectInfo, error) {
	if s.committed || s.closed {
		return ObjectInfo{}, errors.New("blob: spool already committed or closed")
	}
	if err := ValidateKey(key); err != nil {
		return ObjectInfo{}, err
	}
	s.committed = true
	if err := s.w.Close(); err != nil {
		return ObjectInfo{}, fmt.Errorf("blob: sealing %s: %w", key, err)
	}
	hdr, err := s.w.Header([]byte(key))
	if err != nil {
		return ObjectInfo{}, fmt.Errorf("blob: sealing %s: %w", key, err)
	}
	if _, err := s.f.WriteAt(hdr, 0); err != nil {
		return ObjectInfo{}, fmt.Errorf("blob: spool header for %s: %w", key, err)
	}
	size := s.v.keys.SealedSize(s.w.Plaintext(), 0)
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return ObjectInfo{}, fmt.Errorf("blob: rewinding spool for %s: %w", key, err)
	}
	if err := s.v.store.Put(ctx, key, s.f, size); err != nil {
		return ObjectInfo{}, err
	}
	return ObjectInfo{Key: key, Size: s.w.Plaintext()}, nil
}

// Close discards the spool file. Safe to call more than once and after Commit.
func (s *Spool) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	return s.f.Close()
}

// Put seals everything r yields and stores it under key (a convenience over NewSpool/Commit).
func (v *Vault) Put(ctx context.Context, key string, r io.Reader) (ObjectInfo, error) {
	sp, err := v.NewSpool()
	if err != nil {
		return ObjectInfo{}, err
	}
	defer sp.Close()
	if _, err := io.Copy(sp, r); err != nil {
		return ObjectInfo{}, fmt.Errorf("blob: spooling %s: %w", key, err)
	}
	return sp.Commit(ctx, key)
}

// Open returns the decrypted document as a stream and its plaintext size. Every byte returned was authenticated;
// a tampered or truncated object makes Read fail with envelope.ErrTampered (so a server streaming it to a
// reviewer must treat a mid-stream error as fatal, not as a short file).
func (v *Vault) Open(ctx context.Context, key string) (io.ReadCloser, ObjectInfo, error) {
	rc, info, err := v.store.Get(ctx, key)
	if err != nil {
		return nil, ObjectInfo{}, err
	}
	rd, err := envelope.NewReader(rc, v.keys, []byte(key))
	if err == nil {
		info.Size, err = rd.PlainSize(info.Size)
	}
	if err != nil {
		rc.Close()
		return nil, ObjectInfo{}, fmt.Errorf("blob: opening %s: %w", key, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{rd, rc}, info, nil
}

// Delete removes the document.
func (v *Vault) Delete(ctx context.Context, key string) error { return v.store.Delete(ctx, key) }
