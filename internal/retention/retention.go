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
	Period    time.Duration // 0: documents are kept until erased on request
	Abandoned time.Duration // inactivity after which an open, never verified session is erased; 0: never
	Bodies    time.Duration // how long webhook bodies are kept after their delivery ended; 0: kept
	Interval  time.Duration // how often a pass runs
	Batch     int           // sessions per transaction batch; a pass repeats batches until none is left

	OrphanInterval time.Duration // how often the document store is swept for unreferenced objects; 0: never
	OrphanGrace    time.Duration // objects younger than this are never swept (their upload may be recording them)
}

// DefaultConfig keeps documents 180 days after the decision, abandoned sessions 30 days after their last
// activity, and looks every hour.
func DefaultConfig() Config {
	return Config{Period: 180 * 24 * time.Hour, Abandoned: 30 * 24 * time.Hour, Bodies: 7 * 24 * time.Hour,
		Interval: time.Hour, Batch: 100,
		OrphanInterval: 24 * time.Hour, OrphanGrace: time.Hour}
}

// Enabled reports whether anything expires at all.
func (c Config) Enabled() bool { return c.Period > 0 || c.Abandoned > 0 || c.Bodies > 0 }

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

// Work deletes expired documents, then erases abandoned sessions, batch by batch until none is due (or the
// job's time is up: the next pass continues).
func (w *Worker) Work(ctx context.Context, _ *river.Job[jobs.RetentionArgs]) error {
	now := w.now()
	for _, rule := range []struct {
		period time.Duration
		pass   func(context.Context, time.Time, int) (int, error)
		done   string
	}{
		{w.cfg.Period, w.kyc.EraseExpiredDocuments, "retention: document images deleted"},
		{w.cfg.Abandoned, w.kyc.EraseAbandoned, "retention: abandoned sessions erased"},
		{w.cfg.Bodies, w.kyc.EraseWebhookBodies, "retention: webhook bodies erased"},
	} {
		if rule.period <= 0 {
			continue
		}
		cutoff := now.Add(-rule.period)
		n, err := w.batches(ctx, func(ctx context.Context) (int, error) { return rule.pass(ctx, cutoff, w.cfg.Batch) })
		if n > 0 {
			w.log.Info(rule.done, "sessions", n, "cutoff", cutoff)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// batches runs one kind of pass until a batch comes back short.
func (w *Worker) batches(ctx context.Context, batch func(context.Context) (int, error)) (int, error) {
	total := 0
	for ctx.Err() == nil {
		n, err := batch(ctx)
		total += n
		if err != nil {
			w.log.Warn("retention pass stopped", "sessions", total, "err", err)
			return total, err
		}
		if n < w.cfg.Batch {
			break
		}
	}
	return total, nil
}

// SweepPeriodic is the orphan sweep's schedule (nil when disabled).
func (c Config) SweepPeriodic() *river.PeriodicJob {
	if c.OrphanInterval <= 0 {
		return nil
	}
	return river.NewPeriodicJob(river.PeriodicInterval(c.OrphanInterval),
		func() (river.JobArgs, *river.InsertOpts) { return jobs.OrphanSweepArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true, ID: "kyc.orphan_sweep"})
}

// SweepWorker deletes unreferenced document objects once per job.
type SweepWorker struct {
	river.WorkerDefaults[jobs.OrphanSweepArgs]
	kyc *kyc.Service
	cfg Config
	log *slog.Logger
}

// NewSweepWorker returns the worker.
func NewSweepWorker(k *kyc.Service, cfg Config, log *slog.Logger) *SweepWorker {
	return &SweepWorker{kyc: k, cfg: cfg, log: log}
}

// Work sweeps the document store once.
func (w *SweepWorker) Work(ctx context.Context, _ *river.Job[jobs.OrphanSweepArgs]) error {
	n, err := w.kyc.SweepOrphans(ctx, time.Now().Add(-w.cfg.OrphanGrace))
	if n > 0 {
		w.log.Info("orphan sweep: unreferenced document objects deleted", "objects", n)
	}
	if err != nil {
		w.log.Warn("orphan sweep stopped", "deleted", n, "err", err)
	}
	return err
}

// Timeout bounds a sweep; an unfinished one continues at the next.
func (w *SweepWorker) Timeout(*river.Job[jobs.OrphanSweepArgs]) time.Duration {
	return 30 * time.Minute
}

// Timeout bounds a pass.
func (w *Worker) Timeout(*river.Job[jobs.RetentionArgs]) time.Duration { return 10 * time.Minute }
