package blob

import (
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
// guarantees it: the S3 store pads the body and deletes the object, the filesystem store never renames it in). The key must be known before the first byte; the
// caller can decide it from the first chunk (imagecheck.Checker.MediaType).
func (v *Vault) PutSized(ctx context.Context, key string, r io.Reader, plainSize int64) (ObjectInfo, error) {
	if err := ValidateKey(key); err != nil {
		return ObjectInfo{}, err
	}
	if plainSize < 0 {
		return ObjectInfo{}, fmt.Errorf("blob: put %s: declared size %d", key, plainSize)
	}
	pr, pw := io.Pipe()
	sealErr := make(chan error, 1)
	go func() {
		err := seal(pw, v.keys, key, &exactReader{r: r, left: plainSize})
		pw.CloseWithError(err) // the store completes the body and deletes the object again (Store.Put)
		sealErr <- err
	}()
	putErr := v.store.Put(ctx, key, pr, v.keys.SealedSize(plainSize, 0))
	pr.CloseWithError(errPutEnded) // unblocks the sealer if the store stopped reading early
	if err := <-sealErr; err != nil && !(putErr != nil && errors.Is(err, errPutEnded)) {
		return ObjectInfo{}, fmt.Errorf("blob: put %s: %w", key, err)
	}
	if putErr != nil {
		return ObjectInfo{}, putErr
	}
	return ObjectInfo{Key: key, Size: plainSize}, nil
}

var errPutEnded = errors.New("blob: store stopped reading")

func seal(w io.Writer, keys *envelope.Keyring, key string, r io.Reader) error {
	sw, err := envelope.NewWriter(w, keys, []byte(key))
	if err != nil {
		return err
	}
	if _, err := io.Copy(sw, r); err != nil {
		return err
	}
	return sw.Close()
}
