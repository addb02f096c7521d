package main

import (
	"context"
	"fmt"
	"net/url"
	"os"

	"github.com/jackc/pgx/v5"
)

// database is an empty PostgreSQL database made for one run; kyc-server serve migrates it on start (KYC_AUTO_MIGRATE).
type database struct {
	admin string
	name  string
	url   string
}

// adminURL is the maintenance database of the machine's PostgreSQL, as the Go tests use it (pgtest).
func adminURL() string {
	if u := os.Getenv("KYC_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

func createDatabase(ctx context.Context) (*database, error) {
	d := &database{admin: adminURL(), name: fmt.Sprintf("kyc_sdk_%d_%s", os.Getpid(), randomHex(4))}
	if err := d.exec(ctx, "CREATE DATABASE "+d.name); err != nil {
		return nil, fmt.Errorf("%w (is PostgreSQL running? make postgres)", err)
	}
	u, err := url.Parse(d.admin)
	if err != nil {
		return nil, err
	}
	u.Path = "/" + d.name
	d.url = u.String()
	return d, nil
}

func (d *database) drop(ctx context.Context) error {
	return d.exec(ctx, "DROP DATABASE IF EXISTS "+d.name+" WITH (FORCE)")
}

func (d *database) exec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, d.admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}
