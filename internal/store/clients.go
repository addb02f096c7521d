package store

import (
	"context"

	"github.com/google/uuid"
)

// ClientSettings are a client's overrides of platform defaults (clients.settings).
type ClientSettings struct {
	// FaceBands replace the calibrated decision bands for this client's sessions.
	FaceBands *FaceBands `json:"faceBands,omitempty"`
	// RateLimitPerMinute replaces the platform's requests-per-minute budget for this client's keys.
	RateLimitPerMinute *int `json:"rateLimitPerMinute,omitempty"`
}

// FaceBands mirror face.Bands in the database.
type FaceBands struct {
	AutoApprove float64 `json:"autoApprove"`
	Review      float64 `json:"review"`
	MinLiveness float64 `json:"minLiveness"`
}

// GetClientSettings reads a client's overrides.
func (q Queries) GetClientSettings(ctx context.Context, clientID uuid.UUID) (ClientSettings, error) {
	var s ClientSettings
	err := q.db.QueryRow(ctx, `SELECT settings FROM clients WHERE id = $1`, clientID).Scan(&s)
	return s, notFound(err)
}

// SetClientSettings replaces a client's overrides.
func (q Queries) SetClientSettings(ctx context.Context, clientID uuid.UUID, s ClientSettings) error {
	tag, err := q.db.Exec(ctx, `UPDATE clients SET settings = $2 WHERE id = $1`, clientID, s)
	if err == nil && tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return err
}

// ClientKeyPrefixes returns the first 8 hex digits of every client's id, the part of it in document object
// keys.
func (q Queries) ClientKeyPrefixes(ctx context.Context) (map[string]bool, error) {
	return q.stringSet(ctx, `SELECT left(id::text, 8) FROM clients`)
}
