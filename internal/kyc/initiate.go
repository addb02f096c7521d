package kyc

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/store"
)

// InitiateInput is a request to open a session.
type InitiateInput struct {
	ExternalUserID string            `json:"externalUserId"`
	Email          string            `json:"email,omitempty"`
	Phone          string            `json:"phone,omitempty"`
	Metadata       map[string]string `json:"metadata,omitempty"`
}

// Initiated is the outcome of Initiate, remembered for an Idempotency-Key.
type Initiated struct {
	SessionID uuid.UUID `json:"kycSessionId"`
	Status    Status    `json:"status"`
	Replayed  bool      `json:"-"`
}

// ErrIdempotencyMismatch is returned when an Idempotency-Key is reused with a different request.
var ErrIdempotencyMismatch = apperr.New(apperr.Invalid,
	"This Idempotency-Key was already used with a different request body.")

// Initiate opens a session for an end user. An open session of the same user is superseded (kept, marked as
// replaced, no longer receives uploads). With an idempotency key, a retry of the same request returns the
// first outcome instead of opening a second session.
func (s *Service) Initiate(ctx context.Context, c Caller, in InitiateInput, idempotencyKey string) (Initiated, error) {
	if idempotencyKey != "" && len(idempotencyKey) > 255 {
		return Initiated{}, apperr.New(apperr.Invalid, "Idempotency-Key must be at most 255 characters.")
	}
	fingerprint := requestHash(c, in)
	for attempt := 0; ; attempt++ {
		out, err := s.initiateOnce(ctx, c, in, idempotencyKey, fingerprint)
		// Two requests with one key raced: the other committed first, so replay its outcome.
		if errors.Is(err, store.ErrConflict) && attempt == 0 {
			continue
		}
		// Two requests for one user raced: the other session now exists, supersede it.
		if store.IsUniqueViolation(err, "kyc_sessions_one_open") && attempt < 3 {
			continue
		}
		return out, dbErr(err)
	}
}

func (s *Service) initiateOnce(ctx context.Context, c Caller, in InitiateInput, key string, fingerprint []byte) (Initiated, error) {
	var out Initiated
	err := s.store.InTx(ctx, func(tx Tx) error {
		if key != "" {
			rec, err := tx.GetIdempotency(ctx, c.ClientID, key)
			switch {
			case err == nil && time.Since(rec.CreatedAt) < s.idempotencyTTL:
				if !bytes.Equal(rec.RequestHash, fingerprint) {
					return ErrIdempotencyMismatch
				}
				if err := json.Unmarshal(rec.Response, &out); err != nil {
					return err
				}
				out.Replayed = true
				return nil
			case err == nil: // expired: forget it and start afresh
				if err := tx.DeleteIdempotencyBefore(ctx, c.ClientID, key, time.Now().Add(-s.idempotencyTTL)); err != nil {
					return err
				}
			case !errors.Is(err, store.ErrNotFound):
				return err
			}
		}
		// Initiates for one user take turns, so each supersedes the one before instead of racing it.
		if err := tx.LockUser(ctx, c.ClientID, c.Environment, in.ExternalUserID); err != nil {
			return err
		}
		id := uuid.New()
		superseded, err := tx.SupersedeOpenSessions(ctx, c.ClientID, c.Environment, in.ExternalUserID, id)
		if err != nil {
			return err
		}
		sess, err := tx.InsertSession(ctx, store.Session{
			ID: id, ClientID: c.ClientID, Environment: c.Environment, ExternalUserID: in.ExternalUserID,
			Email: in.Email, Phone: in.Phone, Metadata: in.Metadata, Status: string(StatusPending),
		})
		if err != nil {
			return err
		}
		for _, old := range superseded {
			if err := tx.InsertEvent(ctx, old, "kyc.superseded", "", map[string]any{"supersededBy": id}); err != nil {
				return err
			}
		}
		if err := tx.InsertEvent(ctx, id, "kyc.initiated", sess.Status, nil); err != nil {
			return err
		}
		out = Initiated{SessionID: id, Status: Status(sess.Status)}
		if key == "" {
			return nil
		}
		resp, err := json.Marshal(out)
		if err != nil {
			return err
		}
		return tx.InsertIdempotency(ctx, c.ClientID, key, store.IdempotencyRecord{
			RequestHash: fingerprint, SessionID: id, Response: resp})
	})
	return out, err
}

// requestHash fingerprints a request so a reused Idempotency-Key with another body is refused.
func requestHash(c Caller, in InitiateInput) []byte {
	b, _ := json.Marshal(struct {
		Env string
		In  InitiateInput
	}{c.Environment, in}) // map keys are sorted by encoding/json: the hash is canonical
	h := sha256.Sum256(b)
	return h[:]
}
