package store

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrate brings the schema up to date. Several processes may start at once: goose holds a PostgreSQL advisory
// lock while it migrates.
func (s *Store) Migrate(ctx context.Context, log *slog.Logger) error {
	p, closeDB, err := s.migrations(log)
	if err != nil {
		return err
	}
	defer closeDB()
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for _, r := range results {
		log.Info("migration applied", "file", r.Source.Path, "duration", r.Duration)
	}
	return nil
}

// SchemaStatus reports whether migrations of this binary are not applied yet, and the database's and this
// binary's latest versions. It only reads: a database never migrated has no version table and counts as version
// 0. A database newer than the binary is not pending (an older replica keeps running during a rolling deploy).
func (s *Store) SchemaStatus(ctx context.Context) (pending bool, current, target int64, err error) {
	p, closeDB, err := s.migrations(slog.New(slog.DiscardHandler))
	if err != nil {
		return false, 0, 0, err
	}
	defer closeDB()
	sources := p.ListSources()
	target = sources[len(sources)-1].Version
	if pending, err = p.HasPending(ctx); err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == codeUndefinedTable {
			return true, 0, target, nil
		}
		return false, 0, target, fmt.Errorf("store: schema version: %w", err)
	}
	if current, err = p.GetDBVersion(ctx); err != nil {
		return false, 0, target, fmt.Errorf("store: schema version: %w", err)
	}
	return pending, current, target, nil
}

// migrations is goose's view of the embedded migrations over the pool; closeDB releases its database/sql handle.
func (s *Store) migrations(log *slog.Logger) (_ *goose.Provider, closeDB func(), _ error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, nil, err
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, nil, fmt.Errorf("store: migration lock: %w", err)
	}
	db := stdlib.OpenDBFromPool(s.pool)
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub,
		goose.WithSessionLocker(locker), goose.WithDisableGlobalRegistry(true), goose.WithSlog(log))
	if err != nil {
		_ = db.Close()
		return nil, nil, fmt.Errorf("store: migrations: %w", err)
	}
	return p, func() { _ = db.Close() }, nil
}

// MigrationsHash identifies the embedded migration set (tests key their template database by it).
func MigrationsHash() string {
	h := sha256.New()
	_ = fs.WalkDir(migrations, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.ReadFile(path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))
}
