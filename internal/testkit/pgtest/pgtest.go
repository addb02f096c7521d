// Package pgtest gives each test its own PostgreSQL database, cloned from a template database that is migrated
// once per migration set: fast (a clone takes tens of milliseconds) and isolated. The server is the machine's
// PostgreSQL (KYC_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
package pgtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/enxtai/kyc/internal/migrate"
	"github.com/enxtai/kyc/internal/store"
)

// Migrator migrates a fresh database (the template).
type Migrator func(ctx context.Context, databaseURL string) error

var (
	once     sync.Once
	template string
	initErr  error
	counter  atomic.Int64
)

// AdminURL is the URL of the test server's maintenance database.
func AdminURL() string {
	if u := os.Getenv("KYC_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// NewDatabase creates a database migrated with the app's schema for this test and drops it when the test ends.
// It returns its URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	once.Do(func() { template, initErr = ensureTemplate(context.Background(), migrateApp) })
	if initErr != nil {
		t.Fatalf("pgtest: template database: %v (is PostgreSQL running on 127.0.0.1:5432? `make test` checks)", initErr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	name := fmt.Sprintf("kyctest_c_%d_%d", os.Getpid(), counter.Add(1))
	if err := exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+template); err != nil {
		t.Fatalf("pgtest: clone template: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("pgtest: drop %s: %v", name, err)
		}
	})
	return withDatabase(AdminURL(), name)
}

// migrateApp is the app's own migration, as `kyc-server migrate` runs it.
func migrateApp(ctx context.Context, databaseURL string) error {
	s, err := store.Open(ctx, databaseURL, 2)
	if err != nil {
		return err
	}
	defer s.Close()
	return migrate.All(ctx, s, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// ensureTemplate creates and migrates the template for the current migrations, under an advisory lock so that
// test processes of several packages can start together. Clones left by killed test processes are dropped.
func ensureTemplate(ctx context.Context, migrate Migrator) (string, error) {
	name := templateName()
	conn, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(7071)"); err != nil {
		return "", err
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock(7071)") //nolint:errcheck
	dropOrphans(ctx, conn)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)")
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	if err := migrate(ctx, withDatabase(AdminURL(), building)); err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	for _, q := range []string{
		"ALTER DATABASE " + building + " RENAME TO " + name,
		"ALTER DATABASE " + name + " WITH IS_TEMPLATE true",
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return "", err
		}
	}
	return name, nil
}

// dropOrphans drops clones whose test process is gone, and templates of older migration sets, but only while no
// other test process is alive: checkouts with different migrations (two branches) share one PostgreSQL, and
// each would otherwise drop the other's template in the middle of its run.
func dropOrphans(ctx context.Context, conn *pgx.Conn) {
	rows, err := conn.Query(ctx, "SELECT datname FROM pg_database WHERE datname LIKE 'kyctest_%'")
	if err != nil {
		return
	}
	names, _ := pgx.CollectRows(rows, pgx.RowTo[string])
	current := templateName()
	othersAlive := false
	for _, n := range names {
		if pid := clonePID(n); pid > 0 && pid != os.Getpid() && syscall.Kill(pid, 0) == nil {
			othersAlive = true
		}
	}
	for _, n := range names {
		drop := false
		switch {
		case strings.HasPrefix(n, "kyctest_c_"):
			pid := clonePID(n)
			drop = pid > 0 && syscall.Kill(pid, 0) != nil
		case strings.HasPrefix(n, "kyctest_tpl_") && n != current && !othersAlive:
			drop = true
			_, _ = conn.Exec(ctx, "ALTER DATABASE "+n+" WITH IS_TEMPLATE false")
		}
		if drop {
			_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+n+" WITH (FORCE)")
		}
	}
}

// templateName is keyed by the whole schema, so a changed migration gets a new template.
func templateName() string {
	h := sha256.Sum256([]byte(migrate.Hash()))
	return "kyctest_tpl_" + hex.EncodeToString(h[:6])
}

func exec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, AdminURL())
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

// clonePID is the test process of a clone database (kyctest_c_<pid>_<n>), 0 for other names.
func clonePID(name string) int {
	parts := strings.Split(name, "_")
	if len(parts) < 4 || parts[1] != "c" {
		return 0
	}
	pid, _ := strconv.Atoi(parts[2])
	return pid
}
