package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Admin is a reviewer of the platform operator.
type Admin struct {
	ID        uuid.UUID
	Name      string
	CreatedAt time.Time
	RevokedAt *time.Time
}

// ListAdmins returns every admin, oldest first, revoked ones included.
func (q Queries) ListAdmins(ctx context.Context) ([]Admin, error) {
	rows, err := q.db.Query(ctx, `SELECT id, name, created_at, revoked_at FROM admins ORDER BY created_at, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Admin
	for rows.Next() {
		var a Admin
		if err := rows.Scan(&a.ID, &a.Name, &a.CreatedAt, &a.RevokedAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// LockAdmin reads an admin and locks its row until the transaction ends (key changes of one admin take turns).
func (q Queries) LockAdmin(ctx context.Context, id uuid.UUID) (Admin, error) {
	var a Admin
	err := q.db.QueryRow(ctx, `SELECT id, name, created_at, revoked_at FROM admins WHERE id = $1 FOR UPDATE`, id).
		Scan(&a.ID, &a.Name, &a.CreatedAt, &a.RevokedAt)
	return a, notFound(err)
}

// ListAdminKeys returns an admin's keys, newest first, revoked ones included.
func (q Queries) ListAdminKeys(ctx context.Context, adminID uuid.UUID) ([]APIKey, error) {
	rows, err := q.db.Query(ctx, `SELECT `+keyColumns+` FROM api_keys WHERE admin_id = $1 ORDER BY created_at DESC, id`, adminID)
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

// RevokeAdmin marks an admin revoked (at its first revocation time).
func (q Queries) RevokeAdmin(ctx context.Context, id uuid.UUID) error {
	_, err := q.db.Exec(ctx, `UPDATE admins SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, id)
	return err
}

// RevokeAdminKeys revokes every active key of an admin except keep, and ends the console sessions made with
// them; it returns how many keys it revoked.
func (q Queries) RevokeAdminKeys(ctx context.Context, adminID, keep uuid.UUID) (int64, error) {
	tag, err := q.db.Exec(ctx, `
		UPDATE api_keys SET revoked_at = now() WHERE admin_id = $1 AND id <> $2 AND revoked_at IS NULL`, adminID, keep)
	if err != nil {
		return 0, err
	}
	_, err = q.db.Exec(ctx, `DELETE FROM console_sessions WHERE admin_id = $1 AND key_id <> $2`, adminID, keep)
	return tag.RowsAffected(), err
}
