package store

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// WebhookConfig is a client's endpoint for one environment (live, or the test sandbox); the secret is sealed
// with the master key.
type WebhookConfig struct {
	ClientID    uuid.UUID
	Environment string
	URL         string
	SecretEnc   []byte
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Delivery is one event for one client, and how sending it went.
type Delivery struct {
	ID            uuid.UUID
	ClientID      uuid.UUID
	Environment   string // the session's: live or test
	SessionID     *uuid.UUID
	Event         string
	Body          []byte
	Status        string // pending, delivered, failed
	Attempts      int
	ResponseCode  *int
	LastError     *string
	LastURL       *string
	NextAttemptAt *time.Time
	CreatedAt     time.Time
	DeliveredAt   *time.Time
}

// PutWebhookConfig creates or replaces a client's endpoint of an environment.
func (q Queries) PutWebhookConfig(ctx context.Context, c WebhookConfig) (WebhookConfig, error) {
	err := q.db.QueryRow(ctx, `
		INSERT INTO webhook_configs (client_id, environment, url, secret_enc) VALUES ($1, $2, $3, $4)
		ON CONFLICT (client_id, environment) DO UPDATE SET url = excluded.url, secret_enc = excluded.secret_enc,
			updated_at = now()
		RETURNING created_at, updated_at`, c.ClientID, c.Environment, c.URL, c.SecretEnc).Scan(&c.CreatedAt, &c.UpdatedAt)
	return c, err
}

// GetWebhookConfig reads a client's endpoint of an environment.
func (q Queries) GetWebhookConfig(ctx context.Context, clientID uuid.UUID, env string) (WebhookConfig, error) {
	c := WebhookConfig{ClientID: clientID, Environment: env}
	err := q.db.QueryRow(ctx, `
		SELECT url, secret_enc, created_at, updated_at FROM webhook_configs WHERE client_id = $1 AND environment = $2`,
		clientID, env).Scan(&c.URL, &c.SecretEnc, &c.CreatedAt, &c.UpdatedAt)
	return c, notFound(err)
}

// DeleteWebhookConfig removes a client's endpoint of an environment.
func (q Queries) DeleteWebhookConfig(ctx context.Context, clientID uuid.UUID, env string) (bool, error) {
	tag, err := q.db.Exec(ctx, `DELETE FROM webhook_configs WHERE client_id = $1 AND environment = $2`, clientID, env)
	return tag.RowsAffected() > 0, err
}

const deliveryColumns = `id, client_id, environment, session_id, event, body, status, attempts, response_code,
	last_error, last_url, next_attempt_at, created_at, delivered_at`

func scanDelivery(row interface{ Scan(...any) error }) (Delivery, error) {
	var d Delivery
	err := row.Scan(&d.ID, &d.ClientID, &d.Environment, &d.SessionID, &d.Event, &d.Body, &d.Status, &d.Attempts,
		&d.ResponseCode, &d.LastError, &d.LastURL, &d.NextAttemptAt, &d.CreatedAt, &d.DeliveredAt)
	return d, notFound(err)
}

// InsertDelivery adds an event to the outbox.
func (q Queries) InsertDelivery(ctx context.Context, d Delivery) error {
	_, err := q.db.Exec(ctx, `
		INSERT INTO webhook_deliveries (id, client_id, environment, session_id, event, body, next_attempt_at)
		VALUES ($1, $2, $3, $4, $5, $6, now())`, d.ID, d.ClientID, d.Environment, d.SessionID, d.Event, d.Body)
	return err
}

// GetDelivery reads a delivery.
func (q Queries) GetDelivery(ctx context.Context, id uuid.UUID) (Delivery, error) {
	return scanDelivery(q.db.QueryRow(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries WHERE id = $1`, id))
}

// Attempt is the outcome of one try to deliver.
type Attempt struct {
	Status       string // the delivery's status afterwards
	ResponseCode int    // 0: no answer
	Error        string
	URL          string
	NextAt       *time.Time
}

// RecordAttempt counts an attempt and its outcome.
func (q Queries) RecordAttempt(ctx context.Context, id uuid.UUID, a Attempt) (Delivery, error) {
	var code *int
	if a.ResponseCode != 0 {
		code = &a.ResponseCode
	}
	var errText *string
	if a.Error != "" {
		errText = &a.Error
	}
	return scanDelivery(q.db.QueryRow(ctx, `
		UPDATE webhook_deliveries SET attempts = attempts + 1, status = $2, response_code = $3, last_error = $4,
			last_url = $5, next_attempt_at = $6,
			delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
		WHERE id = $1 RETURNING `+deliveryColumns, id, a.Status, code, errText, a.URL, a.NextAt))
}

// ReopenDelivery puts a delivery back to pending for a redelivery.
func (q Queries) ReopenDelivery(ctx context.Context, id uuid.UUID) (Delivery, error) {
	return scanDelivery(q.db.QueryRow(ctx, `
		UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now() WHERE id = $1
		RETURNING `+deliveryColumns, id))
}

// ListDeliveries pages through a client's deliveries of an environment, newest first, after the cursor
// (created_at, id).
func (q Queries) ListDeliveries(ctx context.Context, clientID uuid.UUID, env, status string, afterTime *time.Time, afterID uuid.UUID, limit int) ([]Delivery, error) {
	rows, err := q.db.Query(ctx, `
		SELECT `+deliveryColumns+` FROM webhook_deliveries
		WHERE client_id = $1 AND environment = $2 AND ($3 = '' OR status = $3)
		  AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))
		ORDER BY created_at DESC, id DESC LIMIT $6`, clientID, env, status, afterTime, afterID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
