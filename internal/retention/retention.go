package retention

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/kyc"
)

// Config is the retention period and how often it is applied.
type Config struct {
	Period   time.Duration // 0: documents are kept until erased on request
	Interval time.Duration // how often a pass runs
	Batch    int           // sessions per transaction batch; a pass repeats batches until none is left
}

// DefaultConfig keeps documents 180 days after the decision and looks every hour.
func DefaultConfig() Config {
	return Config{Period: 180 * 24 * time.Hour, Interval: time.Hour, Batch: 100}
}

// Enabled reports whether documents expire at all.
func (c Config) Enabled() bool { return c.Period > 0 }

// Worker applies the retention rule once per job.
type Worker struct {
	river.WorkerDefaults[jobs.RetentionArgs]
	kyc *kyc.Service
	cfg Config
	log *slog.Logger
	now func() time.Time
}

// NewWorker returns the worker.
func NewWorker(k *kyc.Service, cfg Config, log *slog.Logger) *Worker {
	if cfg.Batch <= 0 {
		cfg.Batch = 100
	}
	return &Worker{kyc: k, cfg: cfg, log: log, now: time.Now}
}

// Periodic is the schedule to give the job runner.
func (c Config) Periodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(c.Interval),
		func() (river.JobArgs, *river.InsertOpts) { return jobs.RetentionArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true, ID: "kyc.retention"})
}

// Work deletes expired documents batch by batch until none is due (or the job's time is up: the next pass
// continues).
func (w *Worker) Work(ctx context.Context, _ *river.Job[jobs.RetentionArgs]) error {
	if !w.cfg.Enabled() {
		return nil
	}
	cutoff := w.now().Add(-w.cfg.Period)
	total := 0
	for ctx.Err() == nil {
		n, err := w.kyc.EraseExpiredDocuments(ctx, cutoff, w.cfg.Batch)
		total += n
		if err != nil {
			w.log.Warn("retention pass stopped", "erased_sessions", total, "err", err)
			return err
		}
		if n < w.cfg.Batch {
			break
		}
	}
	if total > 0 {
		w.log.Info("retention: document images deleted", "sessions", total, "cutoff", cutoff)
	}
	return nil
}

// Timeout bounds a pass.
func (w *Worker) Timeout(*river.Job[jobs.RetentionArgs]) time.Duration { return 10 * time.Minute }
