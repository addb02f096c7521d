package audit

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// Actor types.
const (
	ActorAdmin    = "admin"    // a reviewer, through the admin API
	ActorClient   = "client"   // a tenant's backend, through the client API
	ActorOperator = "operator" // the platform operator, at the kyc-server CLI
	ActorSystem   = "system"   // a background job (retention)
)

// Actions recorded.
const (
	ActionSessionApproved        = "kyc.approved"
	ActionSessionRejected        = "kyc.rejected"
	ActionSessionErased          = "kyc.erased"
	ActionSessionDocumentsErased = "kyc.documents_erased"
	ActionKeyCreated             = "api_key.created"
	ActionKeyRotated             = "api_key.rotated"
	ActionKeyRevoked             = "api_key.revoked"
	ActionClientCreated          = "client.created"
	ActionAdminCreated           = "admin.created"
	ActionWebhookConfigured      = "webhook.configured"
	ActionWebhookRemoved         = "webhook.removed"
	ActionSessionViewed          = "kyc.viewed"          // a reviewer opened a case (API or console)
	ActionDocumentViewed         = "kyc.document_viewed" // a document image was served to a reviewer
	ActionAdminRevoked           = "admin.revoked"
	ActionAdminKeyRotated        = "admin.key_rotated"
	ActionConsoleSignIn          = "console.signed_in"
	ActionConsoleSignInFailed    = "console.sign_in_failed"
	ActionConsoleSignOut         = "console.signed_out"
)

// Target types.
const (
	TargetSession = "kyc_session"
	TargetAPIKey  = "api_key"
	TargetClient  = "client"
	TargetAdmin   = "admin"
	TargetWebhook = "webhook"
)

// Actor is who acts, and from where.
type Actor struct {
	Type      string
	ID        string    // admin or client id; "" for the operator and the system
	KeyID     uuid.UUID // the API key the call used
	IP        string
	RequestID string
}

// Operator is the platform operator at the CLI.
func Operator() Actor { return Actor{Type: ActorOperator} }

// System is a background job.
func System() Actor { return Actor{Type: ActorSystem} }

// Entry is what happened to what.
type Entry struct {
	Action     string
	TargetType string
	TargetID   string
	ClientID   uuid.UUID // the tenant concerned, for filtering (uuid.Nil when none)
	Detail     map[string]any
}

// Writer appends entries to the log: a transaction's Queries (or the *store.Tx), so the entry commits with the
// act.
type Writer interface {
	InsertAudit(ctx context.Context, e store.AuditEntry) (store.AuditEntry, error)
}

// Record appends an entry for the actor, on q (a transaction's Queries, so the entry commits with the act).
func Record(ctx context.Context, q Writer, a Actor, e Entry) error {
	if a.Type == "" {
		return fmt.Errorf("audit: %s without an actor", e.Action)
	}
	_, err := q.InsertAudit(ctx, store.AuditEntry{
		ActorType: a.Type, ActorID: a.ID, KeyID: a.KeyID, ClientID: e.ClientID, Action: e.Action,
		TargetType: e.TargetType, TargetID: e.TargetID, IP: a.IP, RequestID: a.RequestID, Detail: e.Detail,
	})
	if err != nil {
		return fmt.Errorf("audit: record %s: %w", e.Action, err)
	}
	return nil
}
