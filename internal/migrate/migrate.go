// Package migrate brings a database up to date: the platform's own schema (internal/store) and the job queue's
// (River). serve, worker, migrate and the test template database all call All, so they agree on the schema.
package migrate

import (
	"context"
	"log/slog"

	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
)

// All applies every migration.
func All(ctx context.Context, s *store.Store, log *slog.Logger) error {
	if err := s.Migrate(ctx, log); err != nil {
		return err
	}
	return jobs.Migrate(ctx, s.Pool())
}

// Hash identifies the whole schema, for test template databases.
func Hash() string { return store.MigrationsHash() + "/" + jobs.SchemaVersion }
