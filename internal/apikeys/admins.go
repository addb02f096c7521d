package apikeys

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/store"
)

// The lifecycle of reviewers' (admins') keys at the operator's hand: create, list, rotate, revoke, with an
// optional expiry. A revoked or rotated-out key ends the console sessions made with it in the same transaction
// (and the console checks the key on every request besides), so a leaked key stops working at once.

// ErrNoSuchAdmin is returned for an unknown admin id.
var ErrNoSuchAdmin = errors.New("no such admin")

// ErrAdminRevoked is returned when rotating the key of a revoked admin.
var ErrAdminRevoked = errors.New("this admin is revoked")

// AdminWithKeys is an admin as the operator lists it.
type AdminWithKeys struct {
	store.Admin
	Keys []store.APIKey
}

// CreateAdmin creates a reviewer with an admin key, expiring at expiresAt when that is not nil.
func CreateAdmin(ctx context.Context, s *store.Store, actor audit.Actor, name string, expiresAt *time.Time) (auth.Issued, error) {
	adminID := uuid.New()
	var out auth.Issued
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertAdmin(ctx, adminID, name); err != nil {
			return fmt.Errorf("create admin: %w", err)
		}
		var err error
		if out, err = issueAdminKey(ctx, tx, adminID, expiresAt); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, audit.Entry{Action: audit.ActionAdminCreated,
			TargetType: audit.TargetAdmin, TargetID: adminID.String(),
			Detail: map[string]any{"name": name, "keyId": out.KeyID.String(), "prefix": out.Prefix, "expiresAt": expiresAt}})
	})
	return out, err
}

// ListAdmins lists every admin with its keys (never the keys themselves: prefixes, dates, state).
func ListAdmins(ctx context.Context, s *store.Store) ([]AdminWithKeys, error) {
	admins, err := s.ListAdmins(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]AdminWithKeys, 0, len(admins))
	for _, a := range admins {
		keys, err := s.ListAdminKeys(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, AdminWithKeys{Admin: a, Keys: keys})
	}
	return out, nil
}

// RotateAdminKey issues a new key for an admin and revokes its others (ending their console sessions).
func RotateAdminKey(ctx context.Context, s *store.Store, actor audit.Actor, adminID uuid.UUID, expiresAt *time.Time) (auth.Issued, error) {
	var out auth.Issued
	err := s.InTx(ctx, func(tx *store.Tx) error {
		a, err := lockAdmin(ctx, tx, adminID)
		if err != nil {
			return err
		}
		if a.RevokedAt != nil {
			return ErrAdminRevoked
		}
		if out, err = issueAdminKey(ctx, tx, adminID, expiresAt); err != nil {
			return err
		}
		n, err := tx.RevokeAdminKeys(ctx, adminID, out.KeyID)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, audit.Entry{Action: audit.ActionAdminKeyRotated,
			TargetType: audit.TargetAdmin, TargetID: adminID.String(),
			Detail: map[string]any{"keyId": out.KeyID.String(), "prefix": out.Prefix, "revokedKeys": n, "expiresAt": expiresAt}})
	})
	return out, err
}

// RevokeAdmin revokes an admin: every key, every console session, at once. It cannot be undone; create a new
// admin instead.
func RevokeAdmin(ctx context.Context, s *store.Store, actor audit.Actor, adminID uuid.UUID) (int64, error) {
	var n int64
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if _, err := lockAdmin(ctx, tx, adminID); err != nil {
			return err
		}
		if err := tx.RevokeAdmin(ctx, adminID); err != nil {
			return err
		}
		var err error
		if n, err = tx.RevokeAdminKeys(ctx, adminID, uuid.Nil); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, audit.Entry{Action: audit.ActionAdminRevoked,
			TargetType: audit.TargetAdmin, TargetID: adminID.String(), Detail: map[string]any{"revokedKeys": n}})
	})
	return n, err
}

func lockAdmin(ctx context.Context, tx *store.Tx, id uuid.UUID) (store.Admin, error) {
	a, err := tx.LockAdmin(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return a, ErrNoSuchAdmin
	}
	return a, err
}

func issueAdminKey(ctx context.Context, tx *store.Tx, adminID uuid.UUID, expiresAt *time.Time) (auth.Issued, error) {
	secret, prefix, hash := auth.NewKey("admin")
	out := auth.Issued{OwnerID: adminID, KeyID: uuid.New(), Key: secret, Prefix: prefix}
	err := tx.InsertAPIKey(ctx, store.APIKey{ID: out.KeyID, AdminID: adminID, Prefix: prefix, Environment: auth.EnvLive,
		ExpiresAt: expiresAt}, hash)
	return out, err
}
