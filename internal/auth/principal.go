package auth

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Role is what a key may do.
type Role int

// The roles of API keys.
const (
	RoleClient Role = iota + 1 // a tenant's backend: its own sessions, webhooks and keys
	RoleAdmin                  // a reviewer of the platform operator: reviews across clients
)

// Principal is the authenticated caller.
type Principal struct {
	KeyID       uuid.UUID
	Role        Role
	ClientID    uuid.UUID  // set for RoleClient
	AdminID     uuid.UUID  // set for RoleAdmin
	Environment string     // "live" or "test" for client keys
	ExpiresAt   *time.Time // the key's expiry, checked on every call (also while cached)
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the caller; ok is false on unauthenticated paths.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}
