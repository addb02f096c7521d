package store

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Document is the current image of one type for a session.
type Document struct {
	SessionID   uuid.UUID
	Type        string // PAN_CARD, AADHAAR_FRONT, AADHAAR_BACK, LIVE_PHOTO
	ObjectKey   string
	ContentType string
	Size        int64
	Width       int
	Height      int
	SHA256      []byte
	Version     int
	UploadedAt  time.Time
}

// PutDocument records a document, replacing the session's previous one of the same type, and returns the
// object key it replaced ("" if none). The caller holds the session's row lock, so no other upload of the session
// runs between reading the old key and replacing it.
func (q Queries) PutDocument(ctx context.Context, d Document) (replaced string, err error) {
	err = q.db.QueryRow(ctx, `
		WITH old AS (SELECT object_key FROM documents WHERE session_id = $1 AND doc_type = $2)
		INSERT INTO documents (session_id, doc_type, object_key, content_type, size_bytes, width, height, sha256)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (session_id, doc_type) DO UPDATE SET
			object_key = excluded.object_key, content_type = excluded.content_type,
			size_bytes = excluded.size_bytes, width = excluded.width, height = excluded.height,
			sha256 = excluded.sha256, version = documents.version + 1, uploaded_at = now()
		RETURNING coalesce((SELECT object_key FROM old), '')`,
		d.SessionID, d.Type, d.ObjectKey, d.ContentType, d.Size, d.Width, d.Height, d.SHA256).Scan(&replaced)
	return replaced, err
}

// DeleteDocument removes a session's document of one type and returns its object key ("" if there was none;
// the caller deletes the object after commit).
func (q Queries) DeleteDocument(ctx context.Context, sessionID uuid.UUID, docType string) (string, error) {
	var key string
	err := q.db.QueryRow(ctx, `DELETE FROM documents WHERE session_id = $1 AND doc_type = $2 RETURNING object_key`,
		sessionID, docType).Scan(&key)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return key, err
}

// ListDocuments returns a session's current documents.
func (q Queries) ListDocuments(ctx context.Context, sessionID uuid.UUID) ([]Document, error) {
	rows, err := q.db.Query(ctx, `
		SELECT session_id, doc_type, object_key, content_type, size_bytes, width, height, sha256, version, uploaded_at
		FROM documents WHERE session_id = $1 ORDER BY doc_type`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		var d Document
		if err := rows.Scan(&d.SessionID, &d.Type, &d.ObjectKey, &d.ContentType, &d.Size, &d.Width, &d.Height,
			&d.SHA256, &d.Version, &d.UploadedAt); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// ReferencedObjects returns which of keys a document row refers to.
func (q Queries) ReferencedObjects(ctx context.Context, keys []string) (map[string]bool, error) {
	return q.stringSet(ctx, `SELECT object_key FROM documents WHERE object_key = ANY($1)`, keys)
}

// stringSet runs a query of one text column and returns its values as a set.
func (q Queries) stringSet(ctx context.Context, sql string, args ...any) (map[string]bool, error) {
	rows, err := q.db.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	vals, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(vals))
	for _, v := range vals {
		out[v] = true
	}
	return out, nil
}
