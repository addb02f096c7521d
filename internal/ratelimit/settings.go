package ratelimit

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// SetClientLimit stores a client's requests-per-minute override in clients.settings (perMinute > 0), or
// removes it (perMinute == 0: the platform default applies again), keeping the client's other settings.
// Running replicas apply it within their settings cache TTL (KYC_RATE_LIMIT_SETTINGS_TTL).
func SetClientLimit(ctx context.Context, s *store.Store, clientID uuid.UUID, perMinute int) error {
	if perMinute < 0 {
		return errors.New("the limit must be a positive number of requests per minute (0 restores the default)")
	}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		settings, err := tx.GetClientSettings(ctx, clientID)
		if err != nil {
			return err
		}
		settings.RateLimitPerMinute = nil
		if perMinute > 0 {
			settings.RateLimitPerMinute = &perMinute
		}
		return tx.SetClientSettings(ctx, clientID, settings)
	})
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("client %s does not exist", clientID)
	}
	return err
}
