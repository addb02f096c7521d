package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"
)

// RunnerConfig bounds the work of one process.
type RunnerConfig struct {
	RecognitionWorkers int                  // concurrent OCR/face jobs (CPU-bound: about the number of cores)
	WebhookWorkers     int                  // concurrent deliveries (I/O-bound)
	JobTimeout         time.Duration        // a job running longer is cancelled and retried
	RescueAfter        time.Duration        // a job left running by a dead process is retried after this
	PollInterval       time.Duration        // how often to look for new jobs besides LISTEN/NOTIFY
	Periodic           []*river.PeriodicJob // jobs the leader inserts on a schedule (retention)
	// OnIdle, if set, is called once each time every job has finished and none started for IdleAfter.
	OnIdle    func()
	IdleAfter time.Duration
}

// Runner works jobs with the given workers until stopped.
type Runner struct {
	client *river.Client[pgx.Tx]
}

// NewRunner builds a runner; register every worker in workers first.
func NewRunner(pool *pgxpool.Pool, workers *river.Workers, c RunnerConfig, log *slog.Logger) (*Runner, error) {
	middleware := []rivertype.Middleware{&traceMiddleware{}}
	if c.OnIdle != nil {
		middleware = append(middleware, newIdleMiddleware(c.IdleAfter, c.OnIdle))
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues: map[string]river.QueueConfig{
			QueueRecognition: {MaxWorkers: c.RecognitionWorkers},
			QueueWebhooks:    {MaxWorkers: c.WebhookWorkers},
			QueueMaintenance: {MaxWorkers: 1},
		},
		PeriodicJobs:         c.Periodic,
		Workers:              workers,
		Middleware:           middleware,
		JobTimeout:           c.JobTimeout,
		RescueStuckJobsAfter: c.RescueAfter,
		FetchPollInterval:    c.PollInterval,
		FetchCooldown:        min(c.PollInterval, 100*time.Millisecond),
		Logger:               log.With("component", "jobs"),
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: runner: %w", err)
	}
	return &Runner{client: client}, nil
}

// Run works jobs until ctx ends, then stops fetching and waits for running jobs to finish (up to the
// shutdown timeout; jobs cut off then are retried later, by this or another process).
func (r *Runner) Run(ctx context.Context, shutdown time.Duration) error {
	if err := r.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdown)
	defer cancel()
	if err := r.client.Stop(sctx); err != nil {
		return r.client.StopAndCancel(context.WithoutCancel(ctx))
	}
	return nil
}
