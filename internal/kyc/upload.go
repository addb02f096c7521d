package kyc

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/blob"
	"github.com/enxtai/kyc/internal/imagecheck"
	"github.com/enxtai/kyc/internal/store"
)

// UploadTarget names the session that receives a document: the user's newest open session, or one by id.
type UploadTarget struct {
	ExternalUserID string
	SessionID      uuid.UUID
}

// Uploaded is the outcome of an upload.
type Uploaded struct {
	SessionID uuid.UUID
	ObjectKey string
	Status    Status // the session's status afterwards
}

// Uploads stores documents: the image checks and the encrypted object store.
type Uploads struct {
	Vault  *blob.Vault
	Limits imagecheck.Limits
}

// ErrDecided is returned for an upload to a session that already has an outcome.
func errDecided(status Status) error {
	return apperr.New(apperr.FailedState,
		"This KYC session is already decided (%s) and accepts no more documents. Initiate a new session.", status)
}

var errNoOpenSession = apperr.New(apperr.NotFound,
	"No open KYC session for this externalUserId. Initiate a session first.")

// Upload checks a document while it streams in (type by its bytes, size, dimensions, structure), seals it into
// the object store, then records it in one transaction with the session's new progress and, when the fourth
// document arrives, the move to DOCUMENTS_UPLOADED. If any step fails nothing is recorded and the stored object
// is removed again.
// A client that declares the size up front (size.Declared > 0) gets the faster path: the document is sealed and
// sent to storage while it arrives. So does one whose size is only expected (size.Expected), unless the guess
// turns out wrong; the upload succeeds either way.
func (s *Service) Upload(ctx context.Context, c Caller, target UploadTarget, docType DocType, body io.Reader, size UploadSize) (Uploaded, error) {
	if s.uploads == nil {
		return Uploaded{}, apperr.New(apperr.Unavailable, "Document storage is not configured.")
	}
	if !IsDocumentType(docType) {
		return Uploaded{}, apperr.New(apperr.Invalid, "Unknown document type %q.", docType)
	}
	// Refuse at once what would be refused after the bytes: unknown user, another client's or a decided session.
	sess, err := s.uploadSession(ctx, s.store, c, target, false)
	if err != nil {
		return Uploaded{}, err
	}
	var key string
	var info imagecheck.Info
	switch {
	case size.Declared > 0:
		key, info, err = s.storeDeclared(ctx, c, sess.ID, docType, body, size.Declared, true)
	case size.Expected > 0 && size.Expected <= s.uploads.Limits.MaxBytes:
		key, info, err = s.storeDeclared(ctx, c, sess.ID, docType, body, size.Expected, false)
	default:
		key, info, err = s.storeSpooled(ctx, c, sess.ID, docType, body)
	}
	if err != nil {
		return Uploaded{}, err
	}
	out, replaced, err := s.recordUpload(ctx, c, target, docType, key, info)
	if err != nil {
		s.deleteObject(key)
		return Uploaded{}, err
	}
	if replaced != "" {
		// Unreferenced since the commit: removing it need not hold up the answer (the orphan sweep removes it
		// should the process stop first).
		s.cleanup.Go(func() { s.deleteObject(replaced) })
	}
	return out, nil
}

// Drain waits for the removal of replaced objects still running; the server calls it as it stops.
func (s *Service) Drain() { s.cleanup.Wait() }

// storeSpooled checks and seals the stream into a temporary file, then stores it with its now known size.
func (s *Service) storeSpooled(ctx context.Context, c Caller, sid uuid.UUID, docType DocType, body io.Reader) (string, imagecheck.Info, error) {
	spool, err := s.uploads.Vault.NewSpool()
	if err != nil {
		return "", imagecheck.Info{}, apperr.Wrap(apperr.Internal, err, "Internal server error.")
	}
	defer spool.Close()
	checked := imagecheck.NewReader(body, s.uploads.Limits)
	if _, err := io.Copy(spool, checked); err != nil {
		return "", imagecheck.Info{}, imageErr(err)
	}
	info, err := checked.Info()
	if err != nil {
		return "", imagecheck.Info{}, imageErr(err)
	}
	key := objectKey(c.ClientID, sid, docType, info.Ext, time.Now())
	if _, err := spool.Commit(ctx, key); err != nil {
		return "", imagecheck.Info{}, storageErr(err)
	}
	return key, info, nil
}

// UploadSize is what a transport knows of an upload's length before its bytes: Declared is promised by the
// client (a stream of another length is refused), Expected is a guess (the REST bridge's, from the request's
// Content-Length). Zero: unknown.
type UploadSize struct{ Declared, Expected int64 }

// storeDeclared seals the stream straight into storage while it arrives. The object key needs the type, so the
// first bytes are read (and sniffed) before the put starts. A stream that turns out bad, or of another size
// when the size was promised (exact), aborts the put: nothing is stored.
func (s *Service) storeDeclared(ctx context.Context, c Caller, sid uuid.UUID, docType DocType, body io.Reader, size int64, exact bool) (string, imagecheck.Info, error) {
	if size > s.uploads.Limits.MaxBytes {
		return "", imagecheck.Info{}, imageErr(&imagecheck.TooLargeError{Limit: s.uploads.Limits.MaxBytes})
	}
	checked := imagecheck.NewReader(body, s.uploads.Limits)
	prefix := make([]byte, 4096)
	if exact {
		prefix = prefix[:min(size, 4096)]
	}
	n, err := io.ReadFull(checked, prefix)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", imagecheck.Info{}, imageErr(err)
	}
	_, ext, err := imagecheck.Sniff(prefix[:n])
	if err != nil {
		return "", imagecheck.Info{}, imageErr(err)
	}
	key := objectKey(c.ClientID, sid, docType, ext, time.Now())
	put := s.uploads.Vault.PutSized
	if !exact {
		put = s.uploads.Vault.PutExpected
	}
	if _, err := put(ctx, key, io.MultiReader(bytes.NewReader(prefix[:n]), checked), size); err != nil {
		if errors.Is(err, blob.ErrSizeMismatch) {
			return "", imagecheck.Info{}, apperr.Wrap(apperr.Invalid, err, "The file's length differs from the declared sizeBytes.")
		}
		if errors.Is(err, blob.ErrUnavailable) {
			return "", imagecheck.Info{}, storageErr(err)
		}
		return "", imagecheck.Info{}, imageErr(err)
	}
	info, err := checked.Info()
	if err != nil { // cannot happen after a complete put, but never record an unchecked file
		s.deleteObject(key)
		return "", imagecheck.Info{}, imageErr(err)
	}
	return key, info, nil
}

func (s *Service) recordUpload(ctx context.Context, c Caller, target UploadTarget, docType DocType, key string, info imagecheck.Info) (Uploaded, string, error) {
	var out Uploaded
	var replaced string
	sum, err := hex.DecodeString(info.SHA256)
	if err != nil {
		return out, "", apperr.Wrap(apperr.Internal, err, "Internal server error.")
	}
	err = s.store.InTx(ctx, func(tx Tx) error {
		sess, err := s.uploadSession(ctx, tx, c, target, true)
		if err != nil {
			return err
		}
		replaced, err = tx.PutDocument(ctx, store.Document{
			SessionID: sess.ID, Type: string(docType), ObjectKey: key, ContentType: info.Type,
			Size: info.Size, Width: info.Width, Height: info.Height, SHA256: sum,
		})
		if err != nil {
			return err
		}
		docs, err := tx.ListDocuments(ctx, sess.ID)
		if err != nil {
			return err
		}
		detail := map[string]any{"documentType": string(docType), "replaced": replaced != ""}
		if err := tx.InsertEvent(ctx, sess.ID, "kyc.document_uploaded", string(sess.Status), detail); err != nil {
			return err
		}
		status := sess.Status
		switch {
		case len(docs) < len(RequiredDocuments):
			err = tx.SetStatus(ctx, sess.ID, string(status), Progress(status, len(docs)))
		case status == StatusPending:
			sess, err = s.startProcessing(ctx, tx, sess, "documents_uploaded")
		default: // a document replaced while processing or in review: process the new set
			sess, err = s.startProcessing(ctx, tx, sess, "document_replaced")
		}
		if err != nil {
			return err
		}
		status = sess.Status
		out = Uploaded{SessionID: sess.ID, ObjectKey: key, Status: status}
		return nil
	})
	return out, replaced, dbErr(err)
}

// uploadSession finds the session an upload goes to and checks it may receive documents; lock holds its row.
func (s *Service) uploadSession(ctx context.Context, q SessionFinder, c Caller, t UploadTarget, lock bool) (Session, error) {
	var row store.Session
	var err error
	switch {
	case t.SessionID != uuid.Nil && lock:
		row, err = q.LockSession(ctx, t.SessionID)
	case t.SessionID != uuid.Nil:
		row, err = q.GetSession(ctx, t.SessionID)
	default:
		row, err = q.OpenSessionForUser(ctx, c.ClientID, c.Environment, t.ExternalUserID, lock)
		if errors.Is(err, store.ErrNotFound) {
			return Session{}, errNoOpenSession
		}
	}
	sess := sessionOf(row)
	if err != nil {
		return Session{}, sessionErr(err)
	}
	if err := authorize(c, sess); err != nil {
		return Session{}, err
	}
	if err := refuseErased(sess); err != nil {
		return Session{}, err
	}
	if sess.SupersededAt != nil {
		return Session{}, apperr.New(apperr.FailedState,
			"This KYC session was replaced by a newer one and accepts no more documents.")
	}
	if IsDecided(sess.Status) {
		return Session{}, errDecided(sess.Status)
	}
	return sess, nil
}

// objectKey is where a document lives: kyc-<client>/<session>/<TYPE>_<unix ms>.<ext>, as the guide's
// documentUrl shows. The milliseconds are unique within the process (keyClock), so two uploads of one type to
// one session in the same millisecond still get keys of their own (a key is written once: blob.Store.Put).
func objectKey(clientID, sessionID uuid.UUID, docType DocType, ext string, now time.Time) string {
	return fmt.Sprintf(ObjectPrefix+"%s/%s/%s_%d.%s", clientID.String()[:8], sessionID, docType, keyClock.next(now), ext)
}

// keyClock hands out strictly increasing unix milliseconds: now's, or one past the last one handed out.
var keyClock uniqueMillis

type uniqueMillis struct{ last atomic.Int64 }

func (u *uniqueMillis) next(now time.Time) int64 {
	for {
		last, ms := u.last.Load(), now.UnixMilli()
		ms = max(ms, last+1)
		if u.last.CompareAndSwap(last, ms) {
			return ms
		}
	}
}

// deleteObject removes an object nothing refers to; a failure leaves it to the orphan sweep.
func (s *Service) deleteObject(key string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.uploads.Vault.Delete(ctx, key); err != nil {
		s.log.Warn("could not delete unreferenced document object", "key", key, "err", err)
	}
}

// imageErr turns an image check failure into the client's error with the check's own message.
func imageErr(err error) error {
	var dim *imagecheck.DimensionsError
	switch {
	case errors.Is(err, imagecheck.ErrTooLarge):
		return apperr.Wrap(apperr.TooLarge, err, "%s", imagecheck.ErrTooLarge.Error())
	case errors.As(err, &dim):
		return apperr.Wrap(apperr.Invalid, err, "%s", dim.Error())
	}
	for _, e := range []error{imagecheck.ErrUnsupportedType, imagecheck.ErrEmpty, imagecheck.ErrCorrupt} {
		if errors.Is(err, e) {
			return apperr.Wrap(apperr.Invalid, err, "%s", e.Error())
		}
	}
	var bodyErr *BodyError
	if errors.As(err, &bodyErr) {
		return bodyErr.Err // the transport's own verdict (a malformed stream, a cancelled call)
	}
	if _, ok := apperr.As(err); ok {
		return err
	}
	return apperr.Wrap(apperr.Invalid, err, "The upload could not be read completely.")
}

// BodyError wraps a failure of the transport delivering an upload's bytes (not of the bytes themselves): the
// upload fails with the wrapped error as it is.
type BodyError struct{ Err error }

func (e *BodyError) Error() string { return e.Err.Error() }
func (e *BodyError) Unwrap() error { return e.Err }

func storageErr(err error) error {
	if errors.Is(err, blob.ErrUnavailable) {
		return apperr.Wrap(apperr.Unavailable, err, "Document storage is temporarily unavailable. Retry later.")
	}
	return apperr.Wrap(apperr.Internal, err, "Internal server error.")
}
