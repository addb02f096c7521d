package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// EraseSession turns a session into a tombstone: its id, client, environment, status, progress and timestamps
// stay; the end user's identifier, contact data, metadata, extracted data, OCR result, scores and review
// reasons go. The generation moves on, so a processing job still running for the session finds its run stale
// and does nothing. The caller holds the row lock and deletes the documents (DeleteDocuments) in the same
// transaction.
func (q Queries) EraseSession(ctx context.Context, id uuid.UUID) (Session, error) {
	sess, err := q.openSession(scanSession(q.db.QueryRow(ctx, `
		UPDATE kyc_sessions SET external_user_id = '', email = NULL, phone = NULL, metadata = '{}',
			extracted_data = NULL, ocr_result = NULL, face_match_score = NULL, liveness_score = NULL,
			review_reasons = NULL, generation = generation + 1, erased_at = now(), updated_at = now()
		WHERE id = $1 RETURNING `+sessionColumns, id)))
	q.markChanged(id)
	return sess, err
}

// EraseSessionTraces removes what other tables hold of a session's personal data: the details of its history
// entries (the kinds, statuses and times stay), its webhook deliveries (their bodies carry the extracted data;
// a queued delivery job then finds nothing to send) and the idempotency records that point at it.
func (q Queries) EraseSessionTraces(ctx context.Context, id uuid.UUID) error {
	if _, err := q.db.Exec(ctx, `UPDATE session_events SET detail = '{}' WHERE session_id = $1`, id); err != nil {
		return err
	}
	if _, err := q.db.Exec(ctx, `DELETE FROM webhook_deliveries WHERE session_id = $1`, id); err != nil {
		return err
	}
	_, err := q.db.Exec(ctx, `DELETE FROM idempotency_keys WHERE session_id = $1`, id)
	return err
}

// DeleteDocuments removes a session's document rows and returns their object keys (the caller deletes the
// objects).
func (q Queries) DeleteDocuments(ctx context.Context, sessionID uuid.UUID) ([]string, error) {
	rows, err := q.db.Query(ctx, `DELETE FROM documents WHERE session_id = $1 RETURNING object_key`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// MarkDocumentsErased records that retention removed a session's images, and drops what was read from them
// (the extracted data and the OCR result): personal data follows the images' retention period. The decision,
// scores and reasons stay.
func (q Queries) MarkDocumentsErased(ctx context.Context, id uuid.UUID) error {
	_, err := q.db.Exec(ctx, `UPDATE kyc_sessions SET documents_erased_at = now(), extracted_data = NULL,
		ocr_result = NULL WHERE id = $1`, id)
	q.markChanged(id)
	return err
}

// RetentionDue is the retention rule in SQL: a session whose outcome is final for its documents (auto-approved,
// approved or rejected; or replaced by a newer session) since before the cutoff, not erased, still with
// documents.
const retentionDue = `erased_at IS NULL AND documents_erased_at IS NULL
	AND ((superseded_at IS NOT NULL AND superseded_at < $1)
	  OR (superseded_at IS NULL AND status IN ('FACE_VERIFIED', 'VERIFIED', 'REJECTED') AND decided_at < $1))
	AND EXISTS (SELECT 1 FROM documents d WHERE d.session_id = kyc_sessions.id)`

// SessionsPastRetention returns up to limit sessions whose documents are due for deletion at the cutoff.
func (q Queries) SessionsPastRetention(ctx context.Context, cutoff time.Time, limit int) ([]uuid.UUID, error) {
	rows, err := q.db.Query(ctx, `SELECT id FROM kyc_sessions WHERE `+retentionDue+` ORDER BY decided_at LIMIT $2`,
		cutoff, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []uuid.UUID
	for rows.Next() {
		var id uuid.UUID
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// LockSessionPastRetention locks a session if it is (still) due for document deletion at the cutoff.
func (q Queries) LockSessionPastRetention(ctx context.Context, id uuid.UUID, cutoff time.Time) (Session, error) {
	return q.openSession(scanSession(q.db.QueryRow(ctx, `SELECT `+sessionColumns+` FROM kyc_sessions WHERE id = $2 AND `+
		retentionDue+` FOR UPDATE`, cutoff, id)))
}

// abandonedDue: an open session that never got to verification (PENDING or DOCUMENTS_UPLOADED, not replaced, not
// erased) with no activity since the cutoff ($1).
const abandonedDue = `erased_at IS NULL AND superseded_at IS NULL AND status IN ('PENDING', 'DOCUMENTS_UPLOADED')
	AND updated_at < $1`

// AbandonedSessions returns up to limit abandoned sessions at the cutoff, the longest untouched first.
func (q Queries) AbandonedSessions(ctx context.Context, cutoff time.Time, limit int) ([]uuid.UUID, error) {
	rows, err := q.db.Query(ctx, `SELECT id FROM kyc_sessions WHERE `+abandonedDue+` ORDER BY updated_at LIMIT $2`,
		cutoff, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[uuid.UUID])
}

// LockSessionAbandoned locks a session if it is (still) abandoned at the cutoff.
func (q Queries) LockSessionAbandoned(ctx context.Context, id uuid.UUID, cutoff time.Time) (Session, error) {
	return q.openSession(scanSession(q.db.QueryRow(ctx, `SELECT `+sessionColumns+` FROM kyc_sessions WHERE id = $2 AND `+
		abandonedDue+` FOR UPDATE`, cutoff, id)))
}
