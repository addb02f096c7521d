package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync/atomic"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/enxtai/kyc/internal/blob/envelope"
)

// Sentinel errors of the store; internal/kyc turns them into domain errors.
var (
	ErrNotFound = errors.New("store: not found")
	ErrConflict = errors.New("store: conflict")
)

// SQLSTATE codes the store recognises.
const (
	codeUniqueViolation     = "23505"
	codeSerializationFailed = "40001"
	codeDeadlockDetected    = "40P01"
	codeUndefinedTable      = "42P01"
	codeProtocolViolation   = "08P01"
)

// DBTX is what the repositories need: a pool or a transaction.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Queries holds every repository method; it runs on the pool (Store) or inside a transaction (Tx).
type Queries struct {
	db      DBTX
	changed func(sessionID uuid.UUID) // told of every session the queries change
	keys    *envelope.Keyring         // seal personal columns (fields.go); nil: in clear
}

// markChanged reports a changed session: after commit for a transaction, at once on the pool.
func (q Queries) markChanged(id uuid.UUID) {
	if q.changed != nil {
		q.changed(id)
	}
}

// Store is the database of the platform.
type Store struct {
	Queries
	pool      *pgxpool.Pool
	onChanged atomic.Pointer[func([]uuid.UUID)]
}

// Tx is one transaction; its repository methods run inside it.
type Tx struct {
	Queries
	tx pgx.Tx
}

// Pgx exposes the transaction to libraries that join it (River's InsertTx).
func (t *Tx) Pgx() pgx.Tx { return t.tx }

// Open connects to PostgreSQL and checks the connection. It creates nothing: EnsureDatabase creates a missing
// database, Migrate the schema (kyc-server migrate, or at start with KYC_AUTO_MIGRATE).
func Open(ctx context.Context, url string, maxConns int32) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: parse database URL: %w", err)
	}
	if maxConns > 0 {
		cfg.MaxConns = maxConns
	}
	cfg.ConnConfig.Tracer = queryTracer()
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: ping: %w", err)
	}
	return New(pool), nil
}

// New wraps an existing pool.
func New(pool *pgxpool.Pool) *Store {
	s := &Store{pool: pool}
	s.Queries = Queries{db: pool, changed: func(id uuid.UUID) { s.notify([]uuid.UUID{id}) }}
	return s
}

// OnSessionsChanged registers the one function told, after commit, which sessions a write changed (in this
// process; other replicas learn it through the session_changed notification). Caches use it to stay exact.
func (s *Store) OnSessionsChanged(fn func(ids []uuid.UUID)) { s.onChanged.Store(&fn) }

func (s *Store) notify(ids []uuid.UUID) {
	if fn := s.onChanged.Load(); fn != nil && len(ids) > 0 {
		(*fn)(ids)
	}
}

// Pool is the connection pool, for libraries that need it (River, LISTEN).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// Close closes the pool.
func (s *Store) Close() { s.pool.Close() }

// InTx runs fn in a transaction: committed when fn returns nil, rolled back otherwise. A serialization failure
// or deadlock is retried a few times, so fn must be safe to run again.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var changed []uuid.UUID
		err = pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
			return fn(&Tx{Queries: Queries{db: tx, changed: func(id uuid.UUID) { changed = append(changed, id) }, keys: s.keys}, tx: tx})
		})
		if err == nil {
			s.notify(changed)
		}
		if !isRetryable(err) {
			return err
		}
	}
	return err
}

func isRetryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == codeSerializationFailed || pgErr.Code == codeDeadlockDetected)
}

// IsUniqueViolation reports whether err is a unique-constraint violation (of the named constraint, if given).
func IsUniqueViolation(err error, constraint string) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != codeUniqueViolation {
		return false
	}
	return constraint == "" || pgErr.ConstraintName == constraint
}

// notFound turns pgx.ErrNoRows into ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// IsUnavailable reports whether err means the database could not be reached or is not serving for now (as
// opposed to a query failing), so callers can answer "retry later" instead of "internal error". It is the one
// place that decides this for every caller (apperr.Dependency maps its verdict to 503).
//
// Unreachable: no connection (refused, reset, timed out, a pool connection already closed). Not serving: the
// server says so itself, with SQLSTATE class 57P "operator intervention" (57P01 admin_shutdown is what a
// restart or pg_terminate_backend sends every open connection, even one in the middle of a query; 57P02 crash
// shutdown; 57P03 "the database system is starting up" / "is shutting down") or class 08 "connection
// exception", except 08P01 protocol_violation, which is a bug that a retry would repeat. The server rolls
// back whatever transaction the connection had open, so a retry starts clean (as with any lost connection,
// only a COMMIT whose answer was lost in transit leaves the outcome unknown).
func IsUnavailable(err error) bool {
	var connErr *pgconn.ConnectError
	var netErr net.Error
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && notServing(pgErr.Code) {
		return true
	}
	return errors.As(err, &connErr) || errors.As(err, &netErr) || pgconn.SafeToRetry(err) ||
		errors.Is(err, context.DeadlineExceeded)
}

func notServing(code string) bool {
	return strings.HasPrefix(code, "57P") || strings.HasPrefix(code, "08") && code != codeProtocolViolation
}
