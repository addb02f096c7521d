package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/enxtai/kyc/internal/testkit/pgtest"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestMigrateIsExplicit: without KYC_AUTO_MIGRATE, serve, worker and the operator commands create no database
// and refuse an outdated schema with a message naming `kyc-server migrate`; migrate creates and migrates the
// database, after which they start; KYC_AUTO_MIGRATE=true migrates at start.
func TestMigrateIsExplicit(t *testing.T) {
	name := fmt.Sprintf("kyctest_c_%d_mig%d", os.Getpid(), time.Now().UnixNano()%1_000_000)
	t.Cleanup(func() { adminExec(t, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	u, _ := url.Parse(pgtest.AdminURL())
	u.Path = "/" + name
	env := []string{"KYC_DATABASE_URL=" + u.String(), "KYC_AUTO_MIGRATE=false",
		"KYC_BLOB_STORE=fs", "KYC_BLOB_FS_DIR=" + t.TempDir(), "KYC_BLOB_MASTER_KEYS=" + testserver.MasterKeys(),
		"KYC_HTTP_ADDR=127.0.0.1:0", "KYC_GRPC_ADDR=127.0.0.1:0", "KYC_RATE_LIMIT_STORE=memory"}
	refused := func(want string, args ...string) {
		t.Helper()
		_, err := run(t, env, args...)
		if err == nil || !strings.Contains(err.Error(), "kyc-server migrate") || !strings.Contains(err.Error(), want) {
			t.Fatalf("%v started or failed unclearly: %v", args, err)
		}
	}

	for _, args := range [][]string{{"serve"}, {"worker"}, {"client", "create", "--name", "x"}} {
		refused("does not exist", args...)
	}
	if databaseExists(t, name) {
		t.Fatal("a command without KYC_AUTO_MIGRATE created the database")
	}

	if _, err := run(t, env, "migrate"); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if _, err := run(t, env, "client", "create", "--name", "after migrate"); err != nil {
		t.Fatalf("client create on a migrated database: %v", err)
	}

	// One migration missing, as after deploying a newer binary without running migrate.
	conn, err := pgx.Connect(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(context.Background(),
		"DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)")
	conn.Close(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"serve"}, {"worker"}, {"audit"}} {
		refused("older than this kyc-server", args...)
	}

	// With KYC_AUTO_MIGRATE=true a command creates and migrates a database that does not exist yet.
	auto := name + "_auto"
	t.Cleanup(func() { adminExec(t, "DROP DATABASE IF EXISTS "+auto+" WITH (FORCE)") })
	u.Path = "/" + auto
	env = append(env, "KYC_AUTO_MIGRATE=true", "KYC_DATABASE_URL="+u.String())
	if _, err := run(t, env, "client", "create", "--name", "auto"); err != nil {
		t.Fatalf("client create with KYC_AUTO_MIGRATE=true: %v", err)
	}
}

func databaseExists(t *testing.T, name string) bool {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), pgtest.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var ok bool
	if err := conn.QueryRow(context.Background(), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

func adminExec(t *testing.T, sql string) {
	conn, err := pgx.Connect(context.Background(), pgtest.AdminURL())
	if err != nil {
		t.Log(err)
		return
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Log(err)
	}
}
