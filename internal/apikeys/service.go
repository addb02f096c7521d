package apikeys

import (
	"context"
	"errors"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/store"
)

// MaxActiveKeys bounds a client's active keys, so a leaked key cannot mint keys without end.
const MaxActiveKeys = 25

// Owner is the client key making a call.
type Owner struct {
	ClientID    uuid.UUID
	KeyID       uuid.UUID
	Environment string // live or test
}

// Service runs the key use-cases of clients.
type Service struct {
	store  *store.Store
	forget func() // drops this process's cache of verified keys, so a revocation takes effect here at once
}

// NewService returns the use-cases; forget (may be nil) is called after a key is revoked.
func NewService(s *store.Store, forget func()) *Service {
	if forget == nil {
		forget = func() {}
	}
	return &Service{store: s, forget: forget}
}

// Errors shown to clients.
var (
	ErrKeyNotFound   = apperr.New(apperr.NotFound, "API key not found.")
	errOtherClient   = apperr.New(apperr.Forbidden, "This API key belongs to a different client.")
	errSandboxScope  = apperr.New(apperr.Forbidden, "A test (sandbox) key manages only test keys; use a live key.")
	errRevokeSelf    = apperr.New(apperr.FailedState, "An API key cannot revoke itself: revoke it with another key, or rotate it.")
	errAlreadyRevoke = apperr.New(apperr.FailedState, "This API key is revoked; create a new one instead.")
)

// List returns the owner's keys, newest first: all of them for a live key, the test keys for a test key.
func (s *Service) List(ctx context.Context, o Owner) ([]store.APIKey, error) {
	env := ""
	if o.Environment == auth.EnvTest {
		env = auth.EnvTest
	}
	keys, err := s.store.ListClientKeys(ctx, o.ClientID, env)
	return keys, dbErr(err)
}

// Create issues a key of env with a label. A test key may create only test keys.
func (s *Service) Create(ctx context.Context, o Owner, actor audit.Actor, env, name string) (auth.Issued, store.APIKey, error) {
	if o.Environment == auth.EnvTest && env != auth.EnvTest {
		return auth.Issued{}, store.APIKey{}, errSandboxScope
	}
	var out auth.Issued
	var key store.APIKey
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.LockClient(ctx, o.ClientID); err != nil {
			return err
		}
		n, err := tx.CountActiveClientKeys(ctx, o.ClientID)
		if err != nil {
			return err
		}
		if n >= MaxActiveKeys {
			return apperr.New(apperr.FailedState, "At most %d active API keys per client: revoke one first.", MaxActiveKeys)
		}
		out, key, err = issue(ctx, tx, o.ClientID, env, name)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, keyEntry(audit.ActionKeyCreated, key, nil))
	})
	return out, key, dbErr(err)
}

// Rotate regenerates a key: a new one of the same environment and label, and the old one revoked, at once.
func (s *Service) Rotate(ctx context.Context, o Owner, actor audit.Actor, id uuid.UUID) (auth.Issued, store.APIKey, store.APIKey, error) {
	var out auth.Issued
	var fresh, old store.APIKey
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if old, err = s.ownKey(ctx, tx, o, id); err != nil {
			return err
		}
		if old.RevokedAt != nil {
			return errAlreadyRevoke
		}
		if out, fresh, err = issue(ctx, tx, o.ClientID, old.Environment, old.Name); err != nil {
			return err
		}
		if old, err = tx.RevokeAPIKey(ctx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, keyEntry(audit.ActionKeyRotated, old,
			map[string]any{"newKeyId": fresh.ID.String(), "newPrefix": fresh.Prefix}))
	})
	if err == nil {
		s.forget()
	}
	return out, fresh, old, dbErr(err)
}

// Revoke revokes a key for good; the calling key cannot revoke itself. Revoking a revoked key changes nothing.
func (s *Service) Revoke(ctx context.Context, o Owner, actor audit.Actor, id uuid.UUID) (store.APIKey, error) {
	if id == o.KeyID {
		return store.APIKey{}, errRevokeSelf
	}
	var key store.APIKey
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if key, err = s.ownKey(ctx, tx, o, id); err != nil || key.RevokedAt != nil {
			return err
		}
		if key, err = tx.RevokeAPIKey(ctx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, keyEntry(audit.ActionKeyRevoked, key, nil))
	})
	if err == nil {
		s.forget()
	}
	return key, dbErr(err)
}

// ownKey locks a key the owner may manage: another client's is 403, as for sessions.
func (s *Service) ownKey(ctx context.Context, tx *store.Tx, o Owner, id uuid.UUID) (store.APIKey, error) {
	k, err := tx.LockAPIKey(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return k, ErrKeyNotFound
	}
	if err != nil {
		return k, err
	}
	if k.ClientID != o.ClientID {
		return k, errOtherClient
	}
	if o.Environment == auth.EnvTest && k.Environment != auth.EnvTest {
		return k, errSandboxScope
	}
	return k, nil
}

func dbErr(err error) error { return apperr.Dependency(err, store.IsUnavailable(err)) }
