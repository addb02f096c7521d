package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

// SchemaVersion names River's schema for test template keys: a River upgrade makes new templates.
const SchemaVersion = "river v0.51.2"

// Migrate brings River's tables up to date.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("jobs: migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}

// SchemaStatus reports River's migrations this binary needs that the database lacks ("" when none). It only
// reads.
func SchemaStatus(ctx context.Context, pool *pgxpool.Pool) (string, error) {
	m, err := rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return "", fmt.Errorf("jobs: migrator: %w", err)
	}
	res, err := m.Validate(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("jobs: schema version: %w", err)
	}
	if res.OK {
		return "", nil
	}
	return strings.Join(res.Messages, "; "), nil
}
