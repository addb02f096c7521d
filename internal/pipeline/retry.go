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

// giveUpOrRetry: before the last attempt the error is returned, so River retries; at the last one the run
// goes to review with the reason and the job ends.
func giveUpOrRetry(ctx context.Context, k *kyc.Service, log *slog.Logger, job *rivertype.JobRow, id uuid.UUID, gen int, step string, err error) error {
	if job.Attempt < job.MaxAttempts {
		log.Warn("processing step failed; will retry", "step", step, "session", id, "attempt", job.Attempt, "err", err)
		return err
	}
	log.Error("processing step failed for good; sending the session to review", "step", step, "session", id, "err", err)
	return k.FailProcessing(context.WithoutCancel(ctx), id, gen, "processing_failed",
		"Automatic processing failed ("+step+"); a reviewer must check the documents.")
}
