package pipeline

import (
	"context"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river/rivertype"

	"github.com/enxtai/kyc/internal/kyc"
)

// backoff is the delay after attempt n of a step: 1 s, 4 s, 9 s, 16 s.
func backoff(attempt int) time.Duration { return time.Duration(attempt*attempt) * time.Second }

// attempt is one try of a step's job for run gen of a session: what deciding between a retry and giving up
// needs.
type attempt struct {
	kyc *kyc.Service
	log *slog.Logger
	job *rivertype.JobRow
	id  uuid.UUID
	gen int
}

// failed: before the last attempt the error is returned, so River retries; at the last one the run goes to
// review with the reason and the job ends. step names what failed, for the log and the reviewer.
func (a attempt) failed(ctx context.Context, step string, err error) error {
	if a.job.Attempt < a.job.MaxAttempts {
		a.log.WarnContext(ctx, "processing step failed; will retry", "step", step, "session", a.id, "attempt", a.job.Attempt, "err", err)
		return err
	}
	a.log.ErrorContext(ctx, "processing step failed for good; sending the session to review", "step", step, "session", a.id, "err", err)
	return a.kyc.FailProcessing(context.WithoutCancel(ctx), a.id, a.gen, "processing_failed",
		"Automatic processing failed ("+step+"); a reviewer must check the documents.")
}

// loadFailed handles the outcome of loading the step: nothing to do when err is nil (the step is not due).
func (a attempt) loadFailed(ctx context.Context, step string, err error) error {
	if err == nil {
		return nil
	}
	return a.failed(ctx, step, err)
}
