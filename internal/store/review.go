package store

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// ReviewFilter selects sessions for reviewers, across clients; zero fields do not filter.
type ReviewFilter struct {
	Status        string // required: the queue (PENDING_REVIEW) or another status
	ClientID      uuid.UUID
	Environment   string
	CreatedAfter  *time.Time // at or after
	CreatedBefore *time.Time // before
	Reason        string     // only sessions with this review reason code
	// The cursor: sessions after (AfterCreated, AfterID) in the order (created_at, id).
	AfterCreated *time.Time
	AfterID      uuid.UUID
	Limit        int
}

// ReviewItem is a session in a reviewer's list with its client's name.
type ReviewItem struct {
	Session
	ClientName string
}

// ListSessionsByStatus lists sessions in a status, oldest first, with their clients' names. Erased sessions
// are left out: there is nothing to review.
func (q Queries) ListSessionsByStatus(ctx context.Context, f ReviewFilter) ([]ReviewItem, error) {
	rows, err := q.db.Query(ctx, `
		SELECT `+sessionColumns+`, (SELECT c.name FROM clients c WHERE c.id = kyc_sessions.client_id)
		FROM kyc_sessions
		WHERE status = $1 AND erased_at IS NULL
		  AND ($2::uuid IS NULL OR client_id = $2) AND ($3 = '' OR environment = $3)
		  AND ($4::timestamptz IS NULL OR created_at >= $4) AND ($5::timestamptz IS NULL OR created_at < $5)
		  AND ($6::timestamptz IS NULL OR (created_at, id) > ($6, $7))
		  AND ($9 = '' OR review_reasons @> jsonb_build_array(jsonb_build_object('code', $9::text)))
		ORDER BY created_at, id LIMIT $8`,
		f.Status, nullUUID(f.ClientID), f.Environment, f.CreatedAfter, f.CreatedBefore, f.AfterCreated, f.AfterID,
		f.Limit, f.Reason)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReviewItem
	for rows.Next() {
		var it ReviewItem
		s := &it.Session
		if err := rows.Scan(&s.ID, &s.ClientID, &s.Environment, &s.ExternalUserID, &s.Email, &s.Phone, &s.Metadata,
			&s.Status, &s.Progress, &s.ExtractedData, &s.FaceMatchScore, &s.LivenessScore, &s.ReviewReasons,
			&s.OCRResult, &s.Generation, &s.DecidedAt, &s.SupersededAt, &s.CreatedAt, &s.UpdatedAt, &s.ErasedAt,
			&s.DocumentsErasedAt, &it.ClientName); err != nil {
			return nil, err
		}
		var err error
		if it.Session, err = q.openSession(it.Session, nil); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// ClientName returns a client's display name.
func (q Queries) ClientName(ctx context.Context, id uuid.UUID) (string, error) {
	var name string
	err := q.db.QueryRow(ctx, `SELECT name FROM clients WHERE id = $1`, id).Scan(&name)
	return name, notFound(err)
}

// DecidedBy names the reviewer of a session's latest decision ("" when no admin decided it), from the audit log.
func (q Queries) DecidedBy(ctx context.Context, sessionID uuid.UUID) (string, error) {
	var name string
	err := q.db.QueryRow(ctx, `
		SELECT coalesce((SELECT a.name FROM admins a WHERE a.id::text = l.actor_id), '')
		FROM audit_log l
		WHERE l.target_id = $1 AND l.action IN ('kyc.approved', 'kyc.rejected') AND l.actor_type = 'admin'
		ORDER BY l.id DESC LIMIT 1`, sessionID.String()).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return name, err
}

// QueueNeighbours returns the sessions just before and just after (createdAt, id) among the sessions in a
// status, in the reviewers' order (created_at, id), uuid.Nil where there is none: the console's previous and
// next case. Each side is one short scan of the index kyc_sessions_status_created, forwards or backwards,
// from the position of the given key (the row comparison names all three index columns so that it bounds the
// scan), whatever the length of the queue.
func (q Queries) QueueNeighbours(ctx context.Context, status string, createdAt time.Time, id uuid.UUID) (prev, next uuid.UUID, err error) {
	var p, n uuid.NullUUID
	err = q.db.QueryRow(ctx, `
		SELECT
		  (SELECT id FROM kyc_sessions WHERE status = $1 AND erased_at IS NULL AND (status, created_at, id) < ($1, $2, $3)
		   ORDER BY status DESC, created_at DESC, id DESC LIMIT 1),
		  (SELECT id FROM kyc_sessions WHERE status = $1 AND erased_at IS NULL AND (status, created_at, id) > ($1, $2, $3)
		   ORDER BY status, created_at, id LIMIT 1)`, status, createdAt, id).Scan(&p, &n)
	return p.UUID, n.UUID, err
}
