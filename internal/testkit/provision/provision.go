package provision

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/store"
)

// CreateClient creates a tenant with one live API key.
func CreateClient(ctx context.Context, s *store.Store, name string) (auth.Issued, error) {
	clientID := uuid.New()
	key, prefix, hash := auth.NewKey(auth.EnvLive)
	out := auth.Issued{OwnerID: clientID, KeyID: uuid.New(), Key: key, Prefix: prefix}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertClient(ctx, clientID, name); err != nil {
			return fmt.Errorf("create client: %w", err)
		}
		return tx.InsertAPIKey(ctx, store.APIKey{ID: out.KeyID, ClientID: clientID, Prefix: prefix, Environment: auth.EnvLive}, hash)
	})
	return out, err
}

// CreateAdmin creates a reviewer with an admin key.
func CreateAdmin(ctx context.Context, s *store.Store, name string) (auth.Issued, error) {
	adminID := uuid.New()
	key, prefix, hash := auth.NewKey("admin")
	out := auth.Issued{OwnerID: adminID, KeyID: uuid.New(), Key: key, Prefix: prefix}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertAdmin(ctx, adminID, name); err != nil {
			return fmt.Errorf("create admin: %w", err)
		}
		return tx.InsertAPIKey(ctx, store.APIKey{ID: out.KeyID, AdminID: adminID, Prefix: prefix, Environment: auth.EnvLive}, hash)
	})
	return out, err
}
