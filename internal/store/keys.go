package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// APIKey is a stored key: never the key itself, only its hash and visible prefix.
type APIKey struct {
	ID          uuid.UUID
	ClientID    uuid.UUID // uuid.Nil for an admin key
	AdminID     uuid.UUID // uuid.Nil for a client key
	Prefix      string
	Environment string
	Name        string // the owner's label, e.g. "CI"
	CreatedAt   time.Time
	LastUsedAt  *time.Time
	RevokedAt   *time.Time
	ExpiresAt   *time.Time // nil: never expires
}

// InsertClient creates a tenant.
func (q Queries) InsertClient(ctx context.Context, id uuid.UUID, name string) error {
	_, err := q.db.Exec(ctx, `INSERT INTO clients (id, name) VALUES ($1, $2)`, id, name)
	return err
}

// InsertAdmin creates a reviewer.
func (q Queries) InsertAdmin(ctx context.Context, id uuid.UUID, name string) error {
	_, err := q.db.Exec(ctx, `INSERT INTO admins (id, name) VALUES ($1, $2)`, id, name)
	return err
}

// ClientExists reports whether a client with this id exists.
func (q Queries) ClientExists(ctx context.Context, id uuid.UUID) (bool, error) {
	var ok bool
	err := q.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM clients WHERE id = $1)`, id).Scan(&ok)
	return ok, err
}

// InsertAPIKey stores a key's hash and prefix for a client or an admin.
func (q Queries) InsertAPIKey(ctx context.Context, k APIKey, hash []byte) error {
	_, err := q.db.Exec(ctx, `
		INSERT INTO api_keys (id, client_id, admin_id, prefix, key_hash, environment, name, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		k.ID, nullUUID(k.ClientID), nullUUID(k.AdminID), k.Prefix, hash, k.Environment, k.Name, k.ExpiresAt)
	return err
}

// RevokeClientKeys revokes every active key of a client in an environment except keep.
func (q Queries) RevokeClientKeys(ctx context.Context, clientID uuid.UUID, environment string, keep uuid.UUID) (int64, error) {
	tag, err := q.db.Exec(ctx, `
		UPDATE api_keys SET revoked_at = now()
		WHERE client_id = $1 AND environment = $2 AND id <> $3 AND revoked_at IS NULL`,
		clientID, environment, keep)
	return tag.RowsAffected(), err
}

// KeyByHash finds an active or revoked key by the hash of the presented key.
func (q Queries) KeyByHash(ctx context.Context, hash []byte) (APIKey, error) {
	var k APIKey
	var client, admin *uuid.UUID
	err := q.db.QueryRow(ctx, `
		SELECT id, client_id, admin_id, prefix, environment, created_at, last_used_at, revoked_at, expires_at
		FROM api_keys WHERE key_hash = $1`, hash).
		Scan(&k.ID, &client, &admin, &k.Prefix, &k.Environment, &k.CreatedAt, &k.LastUsedAt, &k.RevokedAt, &k.ExpiresAt)
	if err != nil {
		return APIKey{}, notFound(err)
	}
	if client != nil {
		k.ClientID = *client
	}
	if admin != nil {
		k.AdminID = *admin
	}
	return k, nil
}

// TouchKeys records that keys were used at the given time (batched by the caller).
func (q Queries) TouchKeys(ctx context.Context, ids []uuid.UUID, at time.Time) error {
	_, err := q.db.Exec(ctx, `
		UPDATE api_keys SET last_used_at = $2
		WHERE id = ANY($1) AND (last_used_at IS NULL OR last_used_at < $2)`, ids, at)
	return err
}

func nullUUID(id uuid.UUID) *uuid.UUID {
	if id == uuid.Nil {
		return nil
	}
	return &id
}
