package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// AuditEntry is one line of the append-only audit log.
type AuditEntry struct {
	ID         int64
	OccurredAt time.Time
	ActorType  string    // admin, client, operator or system
	ActorID    string    // the admin's or client's id ("" for the operator and the system)
	KeyID      uuid.UUID // the API key used (uuid.Nil for the CLI and background jobs)
	ClientID   uuid.UUID // the tenant the action concerns (uuid.Nil when none)
	Action     string
	TargetType string
	TargetID   string
	IP         string
	RequestID  string
	Detail     map[string]any
}

// InsertAudit appends an entry. There is no update or delete: the table refuses them.
func (q Queries) InsertAudit(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	if e.Detail == nil {
		e.Detail = map[string]any{}
	}
	err := q.db.QueryRow(ctx, `
		INSERT INTO audit_log (actor_type, actor_id, key_id, client_id, action, target_type, target_id, ip,
			request_id, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		RETURNING id, occurred_at`,
		e.ActorType, e.ActorID, nullUUID(e.KeyID), nullUUID(e.ClientID), e.Action, e.TargetType, e.TargetID, e.IP,
		e.RequestID, e.Detail).Scan(&e.ID, &e.OccurredAt)
	return e, err
}

// AuditFilter selects entries; zero fields do not filter.
type AuditFilter struct {
	ActorType string
	ActorID   string
	ClientID  uuid.UUID
	Action    string
	TargetID  string
	Since     *time.Time // at or after
	Until     *time.Time // before
	BeforeID  int64      // the cursor: entries older than this id
	Limit     int
}

// ListAudit returns entries newest first.
func (q Queries) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	rows, err := q.db.Query(ctx, `
		SELECT id, occurred_at, actor_type, actor_id, key_id, client_id, action, target_type, target_id, ip,
			request_id, detail
		FROM audit_log
		WHERE ($1 = '' OR actor_type = $1) AND ($2 = '' OR actor_id = $2)
		  AND ($3::uuid IS NULL OR client_id = $3) AND ($4 = '' OR action = $4) AND ($5 = '' OR target_id = $5)
		  AND ($6::timestamptz IS NULL OR occurred_at >= $6) AND ($7::timestamptz IS NULL OR occurred_at < $7)
		  AND ($8 = 0 OR id < $8)
		ORDER BY id DESC LIMIT $9`,
		f.ActorType, f.ActorID, nullUUID(f.ClientID), f.Action, f.TargetID, f.Since, f.Until, f.BeforeID, f.Limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var key, client *uuid.UUID
		if err := rows.Scan(&e.ID, &e.OccurredAt, &e.ActorType, &e.ActorID, &key, &client, &e.Action, &e.TargetType,
			&e.TargetID, &e.IP, &e.RequestID, &e.Detail); err != nil {
			return nil, err
		}
		if key != nil {
			e.KeyID = *key
		}
		if client != nil {
			e.ClientID = *client
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
