package apikeys

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/store"
)

// The operator's provisioning (kyc-server client/admin commands), audited like the API's key changes.

// ErrNoSuchClient is returned for an unknown client id.
var ErrNoSuchClient = errors.New("no such client")

// CreateClient creates a tenant with one live key.
func CreateClient(ctx context.Context, s *store.Store, actor audit.Actor, name string) (auth.Issued, error) {
	clientID := uuid.New()
	var out auth.Issued
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertClient(ctx, clientID, name); err != nil {
			return fmt.Errorf("create client: %w", err)
		}
		var key store.APIKey
		var err error
		if out, key, err = issue(ctx, tx, clientID, auth.EnvLive, ""); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx.Queries, actor, audit.Entry{Action: audit.ActionClientCreated,
			TargetType: audit.TargetClient, TargetID: clientID.String(), ClientID: clientID,
			Detail: map[string]any{"name": name}}); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, keyEntry(audit.ActionKeyCreated, key, nil))
	})
	return out, err
}

// RotateClient issues a new key of env for a client and revokes the client's other keys of env, at once (the
// CLI's rotate-key: the way back in when a client lost or leaked its keys).
func RotateClient(ctx context.Context, s *store.Store, actor audit.Actor, clientID uuid.UUID, env string) (auth.Issued, error) {
	var out auth.Issued
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.LockClient(ctx, clientID); errors.Is(err, store.ErrNotFound) {
			return ErrNoSuchClient
		} else if err != nil {
			return err
		}
		var key store.APIKey
		var err error
		if out, key, err = issue(ctx, tx, clientID, env, ""); err != nil {
			return err
		}
		n, err := tx.RevokeClientKeys(ctx, clientID, env, out.KeyID)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, keyEntry(audit.ActionKeyRotated, key,
			map[string]any{"revokedKeys": n}))
	})
	return out, err
}

// Keys lists a client's keys for the operator.
func Keys(ctx context.Context, s *store.Store, clientID uuid.UUID) ([]store.APIKey, error) {
	ok, err := s.ClientExists(ctx, clientID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNoSuchClient
	}
	return s.ListClientKeys(ctx, clientID, "")
}

// issue creates a client key in tx.
func issue(ctx context.Context, tx *store.Tx, clientID uuid.UUID, env, name string) (auth.Issued, store.APIKey, error) {
	secret, prefix, hash := auth.NewKey(env)
	out := auth.Issued{OwnerID: clientID, KeyID: uuid.New(), Key: secret, Prefix: prefix}
	key := store.APIKey{ID: out.KeyID, ClientID: clientID, Prefix: prefix, Environment: env, Name: name}
	if err := tx.InsertAPIKey(ctx, key, hash); err != nil {
		return out, key, err
	}
	k, err := tx.LockAPIKey(ctx, out.KeyID) // read back the stored times
	return out, k, err
}

// keyEntry is the audit entry of a change to a key.
func keyEntry(action string, k store.APIKey, extra map[string]any) audit.Entry {
	d := map[string]any{"prefix": k.Prefix, "environment": k.Environment, "name": k.Name}
	for n, v := range extra {
		d[n] = v
	}
	return audit.Entry{Action: action, TargetType: audit.TargetAPIKey, TargetID: k.ID.String(), ClientID: k.ClientID, Detail: d}
}

// CreateKey issues a key of env for a client at the operator's hand.
func CreateKey(ctx context.Context, s *store.Store, actor audit.Actor, clientID uuid.UUID, env, name string) (auth.Issued, store.APIKey, error) {
	var out auth.Issued
	var key store.APIKey
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.LockClient(ctx, clientID); errors.Is(err, store.ErrNotFound) {
			return ErrNoSuchClient
		} else if err != nil {
			return err
		}
		var err error
		if out, key, err = issue(ctx, tx, clientID, env, name); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, keyEntry(audit.ActionKeyCreated, key, nil))
	})
	return out, key, err
}

// RevokeKey revokes one of a client's keys at the operator's hand (any key, the last one included: the
// operator can always issue another).
func RevokeKey(ctx context.Context, s *store.Store, actor audit.Actor, clientID, keyID uuid.UUID) (store.APIKey, error) {
	var key store.APIKey
	err := s.InTx(ctx, func(tx *store.Tx) error {
		var err error
		key, err = tx.LockAPIKey(ctx, keyID)
		if errors.Is(err, store.ErrNotFound) || err == nil && key.ClientID != clientID {
			return fmt.Errorf("client %s has no key %s", clientID, keyID)
		}
		if err != nil || key.RevokedAt != nil {
			return err
		}
		if key, err = tx.RevokeAPIKey(ctx, keyID); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, keyEntry(audit.ActionKeyRevoked, key, nil))
	})
	return key, err
}
