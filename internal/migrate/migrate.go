// Package migrate brings a database up to date: the platform's own schema (internal/store) and the job queue's
// (River). `kyc-server migrate`, the test template database and, with KYC_AUTO_MIGRATE, serve, worker and the
// operator commands call All, so they agree on the schema; without KYC_AUTO_MIGRATE those refuse to start on an
// outdated schema (Check), so production needs no DDL rights at run time and a rolling deploy never migrates the
// schema underneath old replicas.
package migrate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
)

// ErrOutdated says the database lacks migrations this binary needs.
var ErrOutdated = errors.New("the database schema is older than this kyc-server: run `kyc-server migrate` first (or set KYC_AUTO_MIGRATE=true, as make run does)")

// All applies every migration.
func All(ctx context.Context, s *store.Store, log *slog.Logger) error {
	if err := s.Migrate(ctx, log); err != nil {
		return err
	}
	return jobs.Migrate(ctx, s.Pool())
}

// Check returns ErrOutdated, with what is missing, when a migration of this binary is not applied. It only reads.
func Check(ctx context.Context, s *store.Store) error {
	pending, current, target, err := s.SchemaStatus(ctx)
	if err != nil {
		return err
	}
	if pending {
		return fmt.Errorf("%w (schema at version %d, this binary needs %d)", ErrOutdated, current, target)
	}
	river, err := jobs.SchemaStatus(ctx, s.Pool())
	if err != nil {
		return err
	}
	if river != "" {
		return fmt.Errorf("%w (job queue: %s)", ErrOutdated, river)
	}
	return nil
}

// Open connects to the database for serve, worker or an operator command. With auto (KYC_AUTO_MIGRATE, and
// always for `kyc-server migrate`) it creates a missing database and applies pending migrations; otherwise it
// creates nothing and refuses an outdated schema.
func Open(ctx context.Context, url string, maxConns int32, auto bool, log *slog.Logger) (*store.Store, error) {
	if auto {
		if err := store.EnsureDatabase(ctx, url); err != nil {
			return nil, err
		}
	}
	s, err := store.Open(ctx, url, maxConns)
	if err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == codeInvalidCatalog {
			return nil, fmt.Errorf("%w: the database does not exist: create it with `kyc-server migrate` (or set KYC_AUTO_MIGRATE=true, as make run does)", err)
		}
		return nil, err
	}
	if auto {
		err = All(ctx, s, log)
	} else {
		err = Check(ctx, s)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// codeInvalidCatalog is PostgreSQL's SQLSTATE for "database does not exist".
const codeInvalidCatalog = "3D000"

// Hash identifies the whole schema, for test template databases.
func Hash() string { return store.MigrationsHash() + "/" + jobs.SchemaVersion }
