package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// ConsoleSession is a reviewer's sign-in to the web console, found by the hash of its cookie's token.
type ConsoleSession struct {
	AdminID   uuid.UUID
	AdminName string
	KeyID     uuid.UUID
	CSRF      string
}

// InsertConsoleSession records a sign-in.
func (q Queries) InsertConsoleSession(ctx context.Context, tokenHash []byte, s ConsoleSession, ip string) error {
	_, err := q.db.Exec(ctx, `INSERT INTO console_sessions (token_hash, admin_id, key_id, csrf, ip) VALUES ($1, $2, $3, $4, $5)`,
		tokenHash, s.AdminID, s.KeyID, s.CSRF, ip)
	return err
}

// TouchConsoleSession finds a live sign-in and records its use, in one statement: it is live while used within
// idle, its admin is not revoked, and the key it was made with is neither revoked nor expired (checked here on
// every request, so a revocation ends it at once on every replica). ErrNotFound otherwise.
func (q Queries) TouchConsoleSession(ctx context.Context, tokenHash []byte, idle time.Duration) (ConsoleSession, error) {
	var s ConsoleSession
	err := q.db.QueryRow(ctx, `
		UPDATE console_sessions cs SET last_seen_at = now()
		FROM api_keys k, admins a
		WHERE cs.token_hash = $1 AND cs.last_seen_at > now() - $2::interval
		  AND k.id = cs.key_id AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
		  AND a.id = cs.admin_id AND a.revoked_at IS NULL
		RETURNING cs.admin_id, a.name, cs.key_id, cs.csrf`, tokenHash, idle).
		Scan(&s.AdminID, &s.AdminName, &s.KeyID, &s.CSRF)
	return s, notFound(err)
}

// DeleteConsoleSession ends a sign-in (sign-out), and any sign-in idle longer than idle.
func (q Queries) DeleteConsoleSession(ctx context.Context, tokenHash []byte, idle time.Duration) error {
	_, err := q.db.Exec(ctx, `DELETE FROM console_sessions WHERE token_hash = $1 OR last_seen_at < now() - $2::interval`,
		tokenHash, idle)
	return err
}

// RecordSignInFailure counts a failed console sign-in from ip, forgetting failures older than window.
func (q Queries) RecordSignInFailure(ctx context.Context, ip string, window time.Duration) error {
	if _, err := q.db.Exec(ctx, `DELETE FROM console_sign_in_failures WHERE at < now() - $1::interval`, window); err != nil {
		return err
	}
	_, err := q.db.Exec(ctx, `INSERT INTO console_sign_in_failures (ip) VALUES ($1)`, ip)
	return err
}

// SignInFailures counts the failed console sign-ins from ip within window.
func (q Queries) SignInFailures(ctx context.Context, ip string, window time.Duration) (int, error) {
	var n int
	err := q.db.QueryRow(ctx, `SELECT count(*) FROM console_sign_in_failures WHERE ip = $1 AND at > now() - $2::interval`,
		ip, window).Scan(&n)
	return n, err
}

// ClientRef is a client's id and name, for filters.
type ClientRef struct {
	ID   uuid.UUID
	Name string
}

// ListClientRefs lists every client by name.
func (q Queries) ListClientRefs(ctx context.Context) ([]ClientRef, error) {
	rows, err := q.db.Query(ctx, `SELECT id, name FROM clients ORDER BY name, id LIMIT 1000`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClientRef
	for rows.Next() {
		var c ClientRef
		if err := rows.Scan(&c.ID, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ReasonCount is how many sessions in a status carry a review reason.
type ReasonCount struct {
	Code  string
	Count int
}

// CountReviewReasons counts the review reasons of the sessions in a status (the queue's chips).
func (q Queries) CountReviewReasons(ctx context.Context, status string) ([]ReasonCount, error) {
	rows, err := q.db.Query(ctx, `
		SELECT r->>'code', count(*) FROM kyc_sessions s, jsonb_array_elements(s.review_reasons) r
		WHERE s.status = $1 AND s.erased_at IS NULL AND jsonb_typeof(s.review_reasons) = 'array'
		GROUP BY 1 ORDER BY 2 DESC, 1`, status)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReasonCount
	for rows.Next() {
		var c ReasonCount
		if err := rows.Scan(&c.Code, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UserSessions lists a client's other sessions of the same user and environment, newest first (a reviewer's
// "earlier decisions"): at most limit, erased ones left out.
func (q Queries) UserSessions(ctx context.Context, s Session, limit int) ([]Session, error) {
	rows, err := q.db.Query(ctx, `SELECT `+sessionColumns+` FROM kyc_sessions
		WHERE client_id = $1 AND environment = $2 AND external_user_id = $3 AND id <> $4 AND erased_at IS NULL
		ORDER BY created_at DESC, id LIMIT $5`, s.ClientID, s.Environment, s.ExternalUserID, s.ID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var x Session
		if err := rows.Scan(&x.ID, &x.ClientID, &x.Environment, &x.ExternalUserID, &x.Email, &x.Phone, &x.Metadata,
			&x.Status, &x.Progress, &x.ExtractedData, &x.FaceMatchScore, &x.LivenessScore, &x.ReviewReasons,
			&x.OCRResult, &x.Generation, &x.DecidedAt, &x.SupersededAt, &x.CreatedAt, &x.UpdatedAt, &x.ErasedAt,
			&x.DocumentsErasedAt); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
