package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// SessionChangedChannel is the PostgreSQL NOTIFY channel that carries the id of a session whose state changed,
// sent on commit of the transaction that changed it, so every replica's watchers hear of every change.
const SessionChangedChannel = "kyc_session_changed"

// Event is one entry of a session's history.
type Event struct {
	ID        int64
	SessionID uuid.UUID
	Kind      string
	Status    string
	Detail    map[string]any
	CreatedAt time.Time
}

// InsertEvent appends to a session's history and notifies watchers when the transaction commits.
func (q Queries) InsertEvent(ctx context.Context, sessionID uuid.UUID, kind, status string, detail map[string]any) error {
	if detail == nil {
		detail = map[string]any{}
	}
	_, err := q.db.Exec(ctx, `
		WITH e AS (INSERT INTO session_events (session_id, kind, status, detail) VALUES ($1, $2, $3, $4))
		SELECT pg_notify($5, $1::text)`, sessionID, kind, status, detail, SessionChangedChannel)
	return err
}

// ListEvents returns a session's history, oldest first.
func (q Queries) ListEvents(ctx context.Context, sessionID uuid.UUID) ([]Event, error) {
	rows, err := q.db.Query(ctx, `
		SELECT id, session_id, kind, status, detail, created_at FROM session_events
		WHERE session_id = $1 ORDER BY id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.SessionID, &e.Kind, &e.Status, &e.Detail, &e.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
