package kyc

import (
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/store"
)

// Caller is the tenant a use-case acts for: a client in one environment (live or test sandbox).
type Caller struct {
	ClientID    uuid.UUID
	Environment string
}

// Service runs the KYC use-cases.
type Service struct {
	store          Store
	hub            *Hub
	log            *slog.Logger
	idempotencyTTL time.Duration
	uploads        *Uploads
	jobs           Jobs           // nil: no background processing (a step's job is not queued)
	outbox         Outbox         // nil: no webhooks
	sessions       *sessionCache  // nil: every read asks the database
	cleanup        sync.WaitGroup // removals of replaced objects after the answer (Drain)
	decided        func(Outcome)  // nil: nobody counts decisions
}

// Deps are what the use-cases work with.
type Deps struct {
	Store          Store // Postgres(*store.Store), or a fake in unit tests
	Hub            *Hub
	Log            *slog.Logger
	IdempotencyTTL time.Duration
	Uploads        *Uploads // nil: uploads answer "storage not configured"
	// SessionCacheTTL bounds how long a session read may be served from memory (0: no cache). Changes made
	// by this process or heard from others (LISTEN/NOTIFY) evict at once; the TTL only covers missed news.
	SessionCacheTTL time.Duration
	Jobs            Jobs   // nil: none
	Outbox          Outbox // nil: none
	// Decided, if set, is told each processing decision after it commits (the operator's decision mix).
	Decided func(Outcome)
}

// NewService builds the use-cases.
func NewService(d Deps) *Service {
	s := &Service{store: d.Store, hub: d.Hub, log: d.Log, idempotencyTTL: d.IdempotencyTTL, uploads: d.Uploads,
		jobs: d.Jobs, outbox: d.Outbox, decided: d.Decided}
	if s.log == nil {
		s.log = slog.Default()
	}
	if d.SessionCacheTTL > 0 {
		s.sessions = newSessionCache(d.SessionCacheTTL)
		d.Store.OnSessionsChanged(s.sessions.forget)
		if d.Hub != nil {
			d.Hub.OnChange(func(id uuid.UUID) { s.sessions.forget([]uuid.UUID{id}) }, s.sessions.purge)
		}
	}
	return s
}

// Errors of session access, shown to clients.
var (
	ErrSessionNotFound = apperr.New(apperr.NotFound, "KYC session not found.")
	ErrForbidden       = apperr.New(apperr.Forbidden, "This KYC session belongs to a different client.")
)

// authorize checks that the caller owns the session. Another client's session is 403, as the guide says; a
// sandbox key and a live key of one client do not see each other's sessions (404, it is not theirs either).
func authorize(c Caller, s Session) error {
	if s.ClientID != c.ClientID {
		return ErrForbidden
	}
	if s.Environment != c.Environment {
		return ErrSessionNotFound
	}
	return nil
}

// sessionErr turns a store lookup error into the caller's error.
func sessionErr(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return ErrSessionNotFound
	}
	return dbErr(err)
}

// dbErr turns an unexpected store error into the caller's: 503 when the database is unreachable, else 500.
// An error that already is an apperr passes through.
func dbErr(err error) error { return apperr.Dependency(err, store.IsUnavailable(err)) }
