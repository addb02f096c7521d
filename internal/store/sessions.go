package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// Session is a stored KYC session.
type Session struct {
	ID             uuid.UUID
	ClientID       uuid.UUID
	Environment    string
	ExternalUserID string
	Email          string
	Phone          string
	Metadata       map[string]string
	Status         string
	Progress       int
	ExtractedData  json.RawMessage // nil until known
	FaceMatchScore *float64
	LivenessScore  *float64
	ReviewReasons  json.RawMessage // nil until known
	OCRResult      json.RawMessage // nil until known
	Generation     int
	DecidedAt      *time.Time
	SupersededAt   *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// ErasedAt marks a tombstone: the personal data and documents were erased at the data principal's request.
	ErasedAt *time.Time
	// DocumentsErasedAt: the retention period ran out and the document images were deleted.
	DocumentsErasedAt *time.Time
}

const sessionColumns = `id, client_id, environment, external_user_id, coalesce(email, ''), coalesce(phone, ''),
	metadata, status, progress, extracted_data, face_match_score, liveness_score, review_reasons, ocr_result,
	generation, decided_at, superseded_at, created_at, updated_at, erased_at, documents_erased_at`

func scanSession(row interface{ Scan(...any) error }) (Session, error) {
	var s Session
	err := row.Scan(&s.ID, &s.ClientID, &s.Environment, &s.ExternalUserID, &s.Email, &s.Phone, &s.Metadata,
		&s.Status, &s.Progress, &s.ExtractedData, &s.FaceMatchScore, &s.LivenessScore, &s.ReviewReasons,
		&s.OCRResult, &s.Generation, &s.DecidedAt, &s.SupersededAt, &s.CreatedAt, &s.UpdatedAt, &s.ErasedAt,
		&s.DocumentsErasedAt)
	return s, notFound(err)
}

// InsertSession stores a new session; CreatedAt/UpdatedAt come back from the database.
func (q Queries) InsertSession(ctx context.Context, s Session) (Session, error) {
	if s.Metadata == nil {
		s.Metadata = map[string]string{}
	}
	return q.openSession(scanSession(q.db.QueryRow(ctx, `
		INSERT INTO kyc_sessions (id, client_id, environment, external_user_id, email, phone, metadata, status, progress)
		VALUES ($1, $2, $3, $4, nullif($5, ''), nullif($6, ''), $7, $8, $9)
		RETURNING `+sessionColumns,
		s.ID, s.ClientID, s.Environment, s.ExternalUserID, s.Email, s.Phone, s.Metadata, s.Status, s.Progress)))
}

// SupersedeOpenSessions marks the user's open sessions as replaced by newID and returns their ids.
func (q Queries) SupersedeOpenSessions(ctx context.Context, clientID uuid.UUID, env, externalUserID string, newID uuid.UUID) ([]uuid.UUID, error) {
	rows, err := q.db.Query(ctx, `
		UPDATE kyc_sessions SET superseded_at = now(), superseded_by = $4, updated_at = now()
		WHERE client_id = $1 AND environment = $2 AND external_user_id = $3
		  AND superseded_at IS NULL AND status NOT IN ('VERIFIED', 'REJECTED')
		RETURNING id`, clientID, env, externalUserID, newID)
	if err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	for rows.Next() {
		var id uuid.UUID
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
		q.markChanged(id)
	}
	return ids, rows.Err()
}

// LockUser serialises changes to one end user's sessions until the transaction ends (an advisory lock: the
// user may have no row to lock yet).
func (q Queries) LockUser(ctx context.Context, clientID uuid.UUID, env, externalUserID string) error {
	_, err := q.db.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1::text || '/' || $2 || '/' || $3, 0))`,
		clientID, env, externalUserID)
	return err
}

// GetSession reads a session by id.
func (q Queries) GetSession(ctx context.Context, id uuid.UUID) (Session, error) {
	return q.openSession(scanSession(q.db.QueryRow(ctx, `SELECT `+sessionColumns+` FROM kyc_sessions WHERE id = $1`, id)))
}

// LockSession reads a session by id and locks its row until the transaction ends.
func (q Queries) LockSession(ctx context.Context, id uuid.UUID) (Session, error) {
	return q.openSession(scanSession(q.db.QueryRow(ctx, `SELECT `+sessionColumns+` FROM kyc_sessions WHERE id = $1 FOR UPDATE`, id)))
}

// OpenSessionForUser finds the user's newest session that is neither superseded nor decided by a reviewer;
// lock holds its row until the transaction ends.
func (q Queries) OpenSessionForUser(ctx context.Context, clientID uuid.UUID, env, externalUserID string, lock bool) (Session, error) {
	sql := `SELECT ` + sessionColumns + ` FROM kyc_sessions
		WHERE client_id = $1 AND environment = $2 AND external_user_id = $3
		  AND superseded_at IS NULL AND status NOT IN ('VERIFIED', 'REJECTED')
		ORDER BY created_at DESC LIMIT 1`
	if lock {
		sql += ` FOR UPDATE`
	}
	return q.openSession(scanSession(q.db.QueryRow(ctx, sql, clientID, env, externalUserID)))
}

// SetStatus moves a session to a status and progress. The caller has checked the move is allowed.
func (q Queries) SetStatus(ctx context.Context, id uuid.UUID, status string, progress int) error {
	tag, err := q.db.Exec(ctx, `
		UPDATE kyc_sessions SET status = $2, progress = $3, updated_at = now() WHERE id = $1`, id, status, progress)
	q.markChanged(id)
	if err == nil && tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return err
}

// ProcessingUpdate is what a processing step writes besides the status.
type ProcessingUpdate struct {
	Status         string
	Progress       int
	Generation     int
	ExtractedData  json.RawMessage // nil: unchanged
	OCRResult      json.RawMessage // nil: unchanged
	FaceMatchScore *float64        // nil: unchanged unless ClearScores
	LivenessScore  *float64
	ReviewReasons  json.RawMessage // nil: unchanged unless ClearScores
	ClearScores    bool            // a new run starts: forget the previous run's scores and reasons
	Decided        bool            // set decided_at
}

// UpdateProcessing writes a processing step's outcome.
func (q Queries) UpdateProcessing(ctx context.Context, id uuid.UUID, u ProcessingUpdate) (Session, error) {
	extracted, err := q.sealField(id, "extracted_data", u.ExtractedData)
	if err != nil {
		return Session{}, err
	}
	ocr, err := q.sealField(id, "ocr_result", u.OCRResult)
	if err != nil {
		return Session{}, err
	}
	sess, err := q.openSession(scanSession(q.db.QueryRow(ctx, `
		UPDATE kyc_sessions SET status = $2, progress = $3, generation = $4,
			extracted_data = coalesce($5, extracted_data), ocr_result = coalesce($6, ocr_result),
			face_match_score = CASE WHEN $10 THEN $7 ELSE coalesce($7, face_match_score) END,
			liveness_score = CASE WHEN $10 THEN $8 ELSE coalesce($8, liveness_score) END,
			review_reasons = CASE WHEN $10 THEN $9 ELSE coalesce($9, review_reasons) END,
			decided_at = CASE WHEN $11 THEN now() ELSE decided_at END,
			updated_at = now()
		WHERE id = $1 RETURNING `+sessionColumns,
		id, u.Status, u.Progress, u.Generation, nullBytes(extracted), nullBytes(ocr),
		u.FaceMatchScore, u.LivenessScore, nullJSON(u.ReviewReasons), u.ClearScores, u.Decided)))
	q.markChanged(id)
	return sess, err
}

// Generation is the session's current processing run.
func (q Queries) Generation(ctx context.Context, id uuid.UUID) (int, error) {
	var g int
	err := q.db.QueryRow(ctx, `SELECT generation FROM kyc_sessions WHERE id = $1`, id).Scan(&g)
	return g, notFound(err)
}

func nullBytes(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

func nullJSON(b json.RawMessage) any {
	if b == nil {
		return nil
	}
	return []byte(b)
}
