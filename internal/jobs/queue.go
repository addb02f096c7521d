package jobs

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"
)

// Queue inserts jobs. It does not work them (that is the Runner, in this process or another).
type Queue struct {
	client *river.Client[pgx.Tx]
}

// NewQueue returns an insert-only queue over the pool.
func NewQueue(pool *pgxpool.Pool) (*Queue, error) {
	c, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Middleware: []rivertype.Middleware{&traceMiddleware{}}})
	if err != nil {
		return nil, fmt.Errorf("jobs: queue: %w", err)
	}
	return &Queue{client: c}, nil
}

// Tx is the transaction a job is inserted in (River joins its pgx transaction); *store.Tx is one.
type Tx interface{ Pgx() pgx.Tx }

// Enqueue inserts a job in the caller's transaction: it is worked only if the transaction commits.
func (q *Queue) Enqueue(ctx context.Context, tx Tx, args river.JobArgs, opts *river.InsertOpts) error {
	if _, err := q.client.InsertTx(ctx, tx.Pgx(), args, opts); err != nil {
		return fmt.Errorf("jobs: enqueue %s: %w", args.Kind(), err)
	}
	return nil
}

// EnqueueOrWake inserts a unique job (opts.UniqueOpts) in the caller's transaction, or, when a job with the
// same arguments is still waiting (scheduled for a later retry), makes that one available now instead of
// adding a second. A duplicate that is running is left alone. It reports whether a new job was inserted.
func (q *Queue) EnqueueOrWake(ctx context.Context, tx Tx, args river.JobArgs, opts *river.InsertOpts) (bool, error) {
	res, err := q.client.InsertTx(ctx, tx.Pgx(), args, opts)
	if err != nil {
		return false, fmt.Errorf("jobs: enqueue %s: %w", args.Kind(), err)
	}
	if !res.UniqueSkippedAsDuplicate {
		return true, nil
	}
	if res.Job.State == rivertype.JobStateRunning {
		return false, nil
	}
	if _, err := q.client.JobRetryTx(ctx, tx.Pgx(), res.Job.ID); err != nil {
		return false, fmt.Errorf("jobs: wake %s: %w", args.Kind(), err)
	}
	return false, nil
}

// CompleteTx marks the running job completed in the caller's transaction, so that what the job recorded and
// the job's end are seen together. Without it River completes the job a moment after the worker returns,
// and a unique insert in between (a redelivery of a delivery just marked failed) finds the job still running
// and is skipped. ctx must be the one the job is worked with.
func CompleteTx[T river.JobArgs](ctx context.Context, tx Tx, job *river.Job[T]) error {
	if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx.Pgx(), job); err != nil {
		return fmt.Errorf("jobs: complete %s: %w", job.Kind, err)
	}
	return nil
}
