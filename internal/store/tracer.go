package store

import (
	"context"
	"errors"

	"github.com/exaring/otelpgx"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/multitracer"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/enxtai/kyc/internal/opsmetrics"
)

// queryTracer traces every statement as a child span of the caller's span (otelpgx starts none when the
// caller's span is not recording, so it costs nothing with tracing off; statements are recorded without their
// parameters) and counts failed statements by SQLSTATE class for the operator's alerts.
func queryTracer() pgx.QueryTracer {
	return multitracer.New(otelpgx.NewTracer(otelpgx.WithTrimSQLInSpanName()), errorCounter{})
}

type errorCounter struct{}

func (errorCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	return ctx
}

// TraceQueryEnd counts an error the server returned by its class ("23" integrity, "40" rollback, ...), and
// one without a server error (a broken connection) as "conn". A cancelled caller is not a database error.
func (errorCounter) TraceQueryEnd(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryEndData) {
	if data.Err == nil || ctx.Err() != nil || errors.Is(data.Err, context.Canceled) {
		return
	}
	var pgErr *pgconn.PgError
	if errors.As(data.Err, &pgErr) && len(pgErr.Code) >= 2 {
		opsmetrics.PostgresError(pgErr.Code[:2])
		return
	}
	opsmetrics.PostgresError("conn")
}
