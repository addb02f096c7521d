package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// IdempotencyRecord is the remembered first response of an initiate call with an Idempotency-Key.
type IdempotencyRecord struct {
	RequestHash []byte
	SessionID   uuid.UUID
	Response    []byte
	CreatedAt   time.Time
}

// GetIdempotency finds a remembered response.
func (q Queries) GetIdempotency(ctx context.Context, clientID uuid.UUID, key string) (IdempotencyRecord, error) {
	var r IdempotencyRecord
	err := q.db.QueryRow(ctx, `
		SELECT request_hash, session_id, response, created_at FROM idempotency_keys
		WHERE client_id = $1 AND key = $2`, clientID, key).
		Scan(&r.RequestHash, &r.SessionID, &r.Response, &r.CreatedAt)
	return r, notFound(err)
}

// InsertIdempotency remembers a response. A concurrent request with the same key makes it fail with
// ErrConflict once the other transaction commits.
func (q Queries) InsertIdempotency(ctx context.Context, clientID uuid.UUID, key string, r IdempotencyRecord) error {
	_, err := q.db.Exec(ctx, `
		INSERT INTO idempotency_keys (client_id, key, request_hash, session_id, response)
		VALUES ($1, $2, $3, $4, $5)`, clientID, key, r.RequestHash, r.SessionID, r.Response)
	if IsUniqueViolation(err, "") {
		return ErrConflict
	}
	return err
}

// DeleteIdempotencyBefore forgets keys older than the cutoff.
func (q Queries) DeleteIdempotencyBefore(ctx context.Context, clientID uuid.UUID, key string, cutoff time.Time) error {
	_, err := q.db.Exec(ctx, `DELETE FROM idempotency_keys WHERE client_id = $1 AND key = $2 AND created_at < $3`,
		clientID, key, cutoff)
	return err
}
