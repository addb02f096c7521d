package api

import (
	"context"

	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/auth"
)

// Actor is who makes the call, for the audit log: the admin or client of the authenticated key, with the key,
// the client's address and the request id.
func Actor(ctx context.Context) audit.Actor {
	ri := InfoFrom(ctx)
	a := audit.Actor{IP: ri.ClientIP, RequestID: ri.ID}
	p, ok := auth.FromContext(ctx)
	if !ok {
		return a
	}
	a.KeyID = p.KeyID
	switch p.Role {
	case auth.RoleAdmin:
		a.Type, a.ID = audit.ActorAdmin, p.AdminID.String()
	case auth.RoleClient:
		a.Type, a.ID = audit.ActorClient, p.ClientID.String()
	}
	return a
}
