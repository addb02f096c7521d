package blob

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/enxtai/kyc/internal/blob/envelope"
)

// PutSized seals r straight into the store without a spool, for uploads whose plaintext size is declared up
// front (a gRPC stream whose first message says the size). The store receives the exact sealed size at once, so
// sealing, any checks the caller tees in, and the transfer overlap instead of running one after the other. If r
// yields more or fewer than plainSize bytes, or fails, the put fails and nothing is stored (each Store
// guarantees it: the S3 store pads the body and deletes the object, the filesystem store never renames it in).
// The key must be known before the first byte; the caller can decide it from the first chunk
// (imagecheck.Checker.MediaType).
func (v *Vault) PutSized(ctx context.Context, key string, r io.Reader, plainSize int64) (ObjectInfo, error) {
	if err := ValidateKey(key); err != nil {
		return ObjectInfo{}, err
	}
	if plainSize < 0 {
		return ObjectInfo{}, fmt.Errorf("blob: put %s: declared size %d", key, plainSize)
	}
	_, sealErr, putErr := v.streamPut(ctx, key, &exactReader{r: r, left: plainSize}, v.keys.SealedSize(plainSize, 0), nil)
	if sealErr != nil {
		return ObjectInfo{}, fmt.Errorf("blob: put %s: %w", key, sealErr)
	}
	if putErr != nil {
		return ObjectInfo{}, putErr
	}
	return ObjectInfo{Key: key, Size: plainSize}, nil
}

// streamPut seals r into the store under key while r is read, announcing sealedSize to the store (whose Put
// completes and deletes a body that turns out another length). spare, when not nil, receives the sealed stream
// too, and all of it: it goes on after the store stopped reading. sealErr is r's or the sealing's failure (not
// the store's having stopped), putErr the store's; plain is the plaintext length sealed.
func (v *Vault) streamPut(ctx context.Context, key string, r io.Reader, sealedSize int64, spare io.Writer) (plain int64, sealErr, putErr error) {
	pr, pw := io.Pipe()
	var w io.Writer = pw
	if spare != nil {
		w = &spoolTee{spool: spare, store: pw}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		plain, sealErr = seal(w, v.keys, key, r)
		pw.CloseWithError(sealErr) // the store completes the body and deletes the object again (Store.Put)
	}()
	putErr = v.store.Put(ctx, key, pr, sealedSize)
	pr.CloseWithError(errPutEnded) // unblocks the sealer if the store stopped reading early
	<-done
	if putErr != nil && errors.Is(sealErr, errPutEnded) {
		sealErr = nil // the store's failure is the one to report
	}
	return plain, sealErr, putErr
}

var errPutEnded = errors.New("blob: store stopped reading")

// seal writes everything r yields, sealed for key, to w; it returns the plaintext's length.
func seal(w io.Writer, keys *envelope.Keyring, key string, r io.Reader) (int64, error) {
	sw, err := envelope.NewWriter(w, keys, []byte(key))
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(sw, r)
	if err != nil {
		return n, err
	}
	return n, sw.Close()
}

// PutExpected is PutSized for a stream whose size is only expected, not promised (the REST bridge reads it off
// the request's Content-Length). The sealed stream goes to the store under the expected size and, at the same
// time, into a spare copy (teeSpool). When the stream has the expected size the copy is dropped; when not, the
// store refuses the put (Store.Put leaves nothing) and the copy, itself a complete sealed object, is stored
// instead: a wrong guess costs time, never the upload.
func (v *Vault) PutExpected(ctx context.Context, key string, r io.Reader, expected int64) (ObjectInfo, error) {
	if err := ValidateKey(key); err != nil {
		return ObjectInfo{}, err
	}
	spool, err := v.teeSpool()
	if err != nil {
		return ObjectInfo{}, err
	}
	defer spool.Close()
	plain, sealErr, putErr := v.streamPut(ctx, key, r, v.keys.SealedSize(expected, 0), spool)
	if sealErr != nil {
		return ObjectInfo{}, fmt.Errorf("blob: put %s: %w", key, sealErr)
	}
	switch {
	case putErr == nil:
		return ObjectInfo{Key: key, Size: plain}, nil
	case !errors.Is(putErr, ErrSizeMismatch):
		return ObjectInfo{}, putErr
	}
	sealed, err := spool.Reader()
	if err != nil {
		return ObjectInfo{}, fmt.Errorf("blob: rewinding spool for %s: %w", key, err)
	}
	if err := v.store.Put(ctx, key, sealed, v.keys.SealedSize(plain, 0)); err != nil {
		return ObjectInfo{}, err
	}
	return ObjectInfo{Key: key, Size: plain}, nil
}

// memSpools is how many in-memory spools a Vault keeps for PutExpected (each grows to the size of the largest
// upload it held, about 5 MB). Teeing into memory costs a copy; into a file it also costs the kernel's page
// cache work, 13% of the server's CPU in a profile of REST uploads. When all are lent, a file is used.
const memSpools = 8

// maxMemSpool is the largest in-memory spool kept for reuse.
const maxMemSpool = 8 << 20

// A teeSpool keeps a copy of a sealed stream until it is known whether it is needed.
type teeSpool interface {
	io.WriteCloser
	// Reader reads what was written, from the start.
	Reader() (io.Reader, error)
}

// teeSpool lends an idle in-memory spool, or makes a file one when there is none.
func (v *Vault) teeSpool() (teeSpool, error) {
	select {
	case b := <-v.mem:
		return &memSpool{v: v, b: b}, nil
	default:
	}
	f, err := v.tempFile()
	if err != nil {
		return nil, err
	}
	return fileSpool{f}, nil
}

type memSpool struct {
	v *Vault
	b *bytes.Buffer
}

func (m *memSpool) Write(p []byte) (int, error) { return m.b.Write(p) }
func (m *memSpool) Reader() (io.Reader, error)  { return bytes.NewReader(m.b.Bytes()), nil }

// Close gives the buffer back for reuse (or drops it if it grew too large).
func (m *memSpool) Close() error {
	if m.b == nil {
		return nil
	}
	b := m.b
	m.b = nil
	if b.Cap() > maxMemSpool {
		b = new(bytes.Buffer)
	}
	b.Reset()
	m.v.mem <- b
	return nil
}

type fileSpool struct{ *tempFile }

func (f fileSpool) Reader() (io.Reader, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return f.tempFile, nil
}

// spoolTee writes everything to the spool and, until that fails, to the store's pipe.
type spoolTee struct {
	spool, store io.Writer
	storeErr     error // the store stopped reading: the spool alone goes on
}

func (t *spoolTee) Write(p []byte) (int, error) {
	if _, err := t.spool.Write(p); err != nil {
		return 0, err
	}
	if t.storeErr == nil {
		_, t.storeErr = t.store.Write(p)
	}
	return len(p), nil
}
