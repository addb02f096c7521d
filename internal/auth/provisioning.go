package auth

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// Issued is a newly created key, shown to its owner once.
type Issued struct {
	OwnerID uuid.UUID
	KeyID   uuid.UUID
	Key     string
	Prefix  string
}

// CreateClient creates a tenant with one live API key.
func CreateClient(ctx context.Context, s *store.Store, name string) (Issued, error) {
	clientID := uuid.New()
	var out Issued
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertClient(ctx, clientID, name); err != nil {
			return fmt.Errorf("create client: %w", err)
		}
		var err error
		out, err = issueClientKey(ctx, tx, clientID, EnvLive)
		return err
	})
	return out, err
}

// CreateAdmin creates a reviewer with an admin key.
func CreateAdmin(ctx context.Context, s *store.Store, name string) (Issued, error) {
	adminID := uuid.New()
	key, prefix, hash := NewKey("admin")
	out := Issued{OwnerID: adminID, KeyID: uuid.New(), Key: key, Prefix: prefix}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertAdmin(ctx, adminID, name); err != nil {
			return fmt.Errorf("create admin: %w", err)
		}
		return tx.InsertAPIKey(ctx, store.APIKey{ID: out.KeyID, AdminID: adminID, Prefix: prefix, Environment: EnvLive}, hash)
	})
	return out, err
}

func issueClientKey(ctx context.Context, tx *store.Tx, clientID uuid.UUID, env string) (Issued, error) {
	key, prefix, hash := NewKey(env)
	out := Issued{OwnerID: clientID, KeyID: uuid.New(), Key: key, Prefix: prefix}
	err := tx.InsertAPIKey(ctx, store.APIKey{ID: out.KeyID, ClientID: clientID, Prefix: prefix, Environment: env}, hash)
	return out, err
}
