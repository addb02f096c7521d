package kyc

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/webhook"
)

// The ports below are everything the use-cases ask of the database, declared here, where they are consumed:
// internal/store implements them (the checks at the end of this file), the unit tests fake them. They speak the
// store's row types; the use-cases turn rows into the domain's types (sessionOf) as soon as they read them.

// SessionReader reads sessions and what belongs to them, outside a transaction.
type SessionReader interface {
	GetSession(ctx context.Context, id uuid.UUID) (store.Session, error)
	ListDocuments(ctx context.Context, sessionID uuid.UUID) ([]store.Document, error)
}

// ReviewReader reads what reviewers see.
type ReviewReader interface {
	ListSessionsByStatus(ctx context.Context, f store.ReviewFilter) ([]store.ReviewItem, error)
	QueueNeighbours(ctx context.Context, status string, createdAt time.Time, id uuid.UUID) (prev, next uuid.UUID, err error)
	ListEvents(ctx context.Context, sessionID uuid.UUID) ([]store.Event, error)
	ClientName(ctx context.Context, id uuid.UUID) (string, error)
}

// ConsoleReader reads what the reviewers' console shows besides a session: the queue's facets, the same user's
// other sessions and the client's face bands.
type ConsoleReader interface {
	CountReviewReasons(ctx context.Context, status string) ([]store.ReasonCount, error)
	ListClientRefs(ctx context.Context) ([]store.ClientRef, error)
	UserSessions(ctx context.Context, s store.Session, limit int) ([]store.Session, error)
	GetClientSettings(ctx context.Context, clientID uuid.UUID) (store.ClientSettings, error)
}

// Housekeeping finds what the background sweeps work on.
type Housekeeping interface {
	ClientKeyPrefixes(ctx context.Context) (map[string]bool, error)
	ReferencedObjects(ctx context.Context, keys []string) (map[string]bool, error)
	SessionsPastRetention(ctx context.Context, cutoff time.Time, limit int) ([]uuid.UUID, error)
	EraseDeliveryBodies(ctx context.Context, cutoff time.Time, limit int) (int, error)
	AbandonedSessions(ctx context.Context, cutoff time.Time, limit int) ([]uuid.UUID, error)
}

// SessionFinder finds the session a call is about; with a lock (inside a transaction) its row is held until
// the transaction ends.
type SessionFinder interface {
	SessionReader
	LockSession(ctx context.Context, id uuid.UUID) (store.Session, error)
	OpenSessionForUser(ctx context.Context, clientID uuid.UUID, env, externalUserID string, lock bool) (store.Session, error)
}

// SessionWriter changes sessions inside a transaction.
type SessionWriter interface {
	SessionFinder
	LockUser(ctx context.Context, clientID uuid.UUID, env, externalUserID string) error
	InsertSession(ctx context.Context, s store.Session) (store.Session, error)
	SupersedeOpenSessions(ctx context.Context, clientID uuid.UUID, env, externalUserID string, newID uuid.UUID) ([]uuid.UUID, error)
	SetStatus(ctx context.Context, id uuid.UUID, status string, progress int) error
	UpdateProcessing(ctx context.Context, id uuid.UUID, u store.ProcessingUpdate) (store.Session, error)
	InsertEvent(ctx context.Context, sessionID uuid.UUID, kind, status string, detail map[string]any) error
}

// DocumentWriter records and removes document rows (the objects are the blob vault's).
type DocumentWriter interface {
	PutDocument(ctx context.Context, d store.Document) (replaced string, err error)
	DeleteDocument(ctx context.Context, sessionID uuid.UUID, docType string) (removed string, err error)
	DeleteDocuments(ctx context.Context, sessionID uuid.UUID) ([]string, error)
}

// IdempotencyStore remembers the first answer of an initiate with an Idempotency-Key.
type IdempotencyStore interface {
	GetIdempotency(ctx context.Context, clientID uuid.UUID, key string) (store.IdempotencyRecord, error)
	InsertIdempotency(ctx context.Context, clientID uuid.UUID, key string, r store.IdempotencyRecord) error
	DeleteIdempotencyBefore(ctx context.Context, clientID uuid.UUID, key string, cutoff time.Time) error
}

// Eraser erases personal data and applies retention.
type Eraser interface {
	EraseSession(ctx context.Context, id uuid.UUID) (store.Session, error)
	EraseSessionTraces(ctx context.Context, id uuid.UUID) error
	MarkDocumentsErased(ctx context.Context, id uuid.UUID) error
	LockSessionPastRetention(ctx context.Context, id uuid.UUID, cutoff time.Time) (store.Session, error)
	LockSessionAbandoned(ctx context.Context, id uuid.UUID, cutoff time.Time) (store.Session, error)
}

// Tx is one transaction: the use-cases' writes, and what the audit log, the webhook outbox and the job queue
// write in the same transaction, so a state change and its consequences commit together or not at all.
type Tx interface {
	SessionWriter
	DocumentWriter
	IdempotencyStore
	Eraser
	audit.Writer
	webhook.Tx
	// DecidedBy names the reviewer of the session's latest decision ("" when none), for the loser of a race.
	DecidedBy(ctx context.Context, sessionID uuid.UUID) (string, error)
}

// Store is the database as the use-cases need it.
type Store interface {
	SessionFinder
	ReviewReader
	ConsoleReader
	Housekeeping
	// Reads of personal data are audited outside any other write.
	audit.Writer
	// InTx runs fn in a transaction: committed when fn returns nil, rolled back otherwise; fn may run again
	// after a serialization failure.
	InTx(ctx context.Context, fn func(tx Tx) error) error
	// OnSessionsChanged registers the function told, after commit, which sessions a write changed.
	OnSessionsChanged(fn func(ids []uuid.UUID))
}

// Jobs queues background work inside the caller's transaction.
type Jobs interface {
	Enqueue(ctx context.Context, tx jobs.Tx, args river.JobArgs, opts *river.InsertOpts) error
}

// Outbox records a webhook event about a session for delivery, inside the caller's transaction.
type Outbox interface {
	Record(ctx context.Context, tx webhook.Tx, s webhook.Subject, event string) error
}

// Postgres adapts the PostgreSQL store to the Store port (its transactions are *store.Tx).
func Postgres(s *store.Store) Store { return postgres{s} }

type postgres struct{ *store.Store }

func (p postgres) InTx(ctx context.Context, fn func(tx Tx) error) error {
	return p.Store.InTx(ctx, func(tx *store.Tx) error { return fn(tx) })
}

var (
	_ SessionFinder = (*store.Store)(nil)
	_ ReviewReader  = (*store.Store)(nil)
	_ ConsoleReader = (*store.Store)(nil)
	_ Housekeeping  = (*store.Store)(nil)
	_ Store         = postgres{}
	_ Tx            = (*store.Tx)(nil)
	_ Jobs          = (*jobs.Queue)(nil)
	_ Outbox        = (*webhook.Outbox)(nil)
)
