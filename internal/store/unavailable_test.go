package store_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
)

// TestIsUnavailableBySQLSTATE: the server's own "not serving now" (class 57P, class 08 but the protocol
// violation) is unavailability, a failing query is not. Wrapped as the repositories and InTx wrap them.
func TestIsUnavailableBySQLSTATE(t *testing.T) {
	for _, tc := range []struct {
		code string
		want bool
	}{
		{"57P01", true},  // admin_shutdown: a restart (pg_ctl stop -m fast) ends every open connection with it
		{"57P02", true},  // crash_shutdown
		{"57P03", true},  // cannot_connect_now: "the database system is starting up"
		{"08006", true},  // connection_failure
		{"08003", true},  // connection_does_not_exist
		{"08001", true},  // sqlclient_unable_to_establish_sqlconnection
		{"08P01", false}, // protocol_violation: a bug, a retry repeats it
		{"57014", false}, // query_canceled (statement_timeout): class 57, not 57P
		{"23505", false}, // unique_violation
		{"40001", false}, // serialization_failure (InTx retries it)
		{"42P01", false}, // undefined_table
	} {
		t.Run(tc.code, func(t *testing.T) {
			err := fmt.Errorf("put document: %w", &pgconn.PgError{Severity: "FATAL", Code: tc.code, Message: "x"})
			if got := store.IsUnavailable(err); got != tc.want {
				t.Errorf("IsUnavailable(SQLSTATE %s) = %v, want %v", tc.code, got, tc.want)
			}
		})
	}
	if store.IsUnavailable(errors.New("plain")) || store.IsUnavailable(nil) {
		t.Error("an error without a connection cause counts as unavailability")
	}
}

// TestIsUnavailableRealFailures: what a real PostgreSQL does when it goes away. A connection terminated by the
// server in the middle of a query (what every pool connection gets when PostgreSQL restarts; the soak saw these
// answered 500) and a connection refused.
func TestIsUnavailableRealFailures(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := store.Open(ctx, pgtest.NewDatabase(t), 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)

	victim, err := s.Pool().Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer victim.Release()
	pid := victim.Conn().PgConn().PID()
	go func() {
		// Terminate once the victim is inside its query, as a fast shutdown does.
		for i := 0; i < 100; i++ {
			var active bool
			if err := s.Pool().QueryRow(ctx, `SELECT state = 'active' FROM pg_stat_activity WHERE pid = $1`, pid).Scan(&active); err == nil && active {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		_, _ = s.Pool().Exec(ctx, `SELECT pg_terminate_backend($1)`, pid)
	}()
	_, err = victim.Exec(ctx, `SELECT pg_sleep(10)`)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "57P01" {
		t.Fatalf("terminated query: %v, want SQLSTATE 57P01", err)
	}
	if !store.IsUnavailable(err) {
		t.Errorf("IsUnavailable(%v) = false: a restarting database would be answered 500", err)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, err = pgx.Connect(ctx, "postgres://postgres@"+addr+"/x?sslmode=disable&connect_timeout=5")
	if err == nil || !store.IsUnavailable(err) {
		t.Errorf("IsUnavailable(%v) = false for a refused connection", err)
	}
}
