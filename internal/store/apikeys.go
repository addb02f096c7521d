package store

import (
	"context"

	"github.com/google/uuid"
)

const keyColumns = `id, client_id, admin_id, prefix, environment, name, created_at, last_used_at, revoked_at, expires_at`

func scanKey(row interface{ Scan(...any) error }) (APIKey, error) {
	var k APIKey
	var client, admin *uuid.UUID
	err := row.Scan(&k.ID, &client, &admin, &k.Prefix, &k.Environment, &k.Name, &k.CreatedAt, &k.LastUsedAt, &k.RevokedAt, &k.ExpiresAt)
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

// ListClientKeys returns a client's keys (of one environment, unless env is ""), newest first, revoked ones
// included.
func (q Queries) ListClientKeys(ctx context.Context, clientID uuid.UUID, env string) ([]APIKey, error) {
	rows, err := q.db.Query(ctx, `SELECT `+keyColumns+` FROM api_keys
		WHERE client_id = $1 AND ($2 = '' OR environment = $2) ORDER BY created_at DESC, id`, clientID, env)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// LockAPIKey reads a key by id and locks its row until the transaction ends.
func (q Queries) LockAPIKey(ctx context.Context, id uuid.UUID) (APIKey, error) {
	return scanKey(q.db.QueryRow(ctx, `SELECT `+keyColumns+` FROM api_keys WHERE id = $1 FOR UPDATE`, id))
}

// RevokeAPIKey revokes one key (a revoked key stays revoked at its first revocation time).
func (q Queries) RevokeAPIKey(ctx context.Context, id uuid.UUID) (APIKey, error) {
	return scanKey(q.db.QueryRow(ctx, `
		UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING `+keyColumns, id))
}

// CountActiveClientKeys counts a client's keys that are not revoked.
func (q Queries) CountActiveClientKeys(ctx context.Context, clientID uuid.UUID) (int, error) {
	var n int
	err := q.db.QueryRow(ctx, `SELECT count(*) FROM api_keys WHERE client_id = $1 AND revoked_at IS NULL`,
		clientID).Scan(&n)
	return n, err
}

// LockClient serialises key changes of one client until the transaction ends.
func (q Queries) LockClient(ctx context.Context, clientID uuid.UUID) error {
	var one int
	err := q.db.QueryRow(ctx, `SELECT 1 FROM clients WHERE id = $1 FOR UPDATE`, clientID).Scan(&one)
	return notFound(err)
}
