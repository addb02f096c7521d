package app

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/face"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/nativemem"
	"github.com/enxtai/kyc/internal/ocr"
	"github.com/enxtai/kyc/internal/opsmetrics"
	"github.com/enxtai/kyc/internal/pipeline"
	"github.com/enxtai/kyc/internal/retention"
	"github.com/enxtai/kyc/internal/webhook"
)

// trimAfterIdle is how long a worker's jobs must have stopped before it gives the engines' freed native memory
// back (internal/nativemem): long enough that a steady stream of sessions does not trim between jobs, short
// enough that a worker between bursts rests at its live size. In the short soak each trim after a burst released
// 16-32 MiB of a 285-340 MiB worker; a trim with nothing to give back costs a walk of the arenas.
const trimAfterIdle = 2 * time.Second

// buildRunner loads the engines (Tesseract, face models) and registers the job workers.
func buildRunner(cfg config.Config, log *slog.Logger, c *core, closers *[]func()) (*jobs.Runner, error) {
	engine, err := ocr.New(cfg.OCR())
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	*closers = append(*closers, func() { engine.Close() })
	rd, err := reader.New(engine, cfg.Reader())
	if err != nil {
		return nil, fmt.Errorf("card reader: %w", err)
	}
	qr, err := aadhaarqr.New(cfg.AadhaarQR())
	if err != nil {
		return nil, fmt.Errorf("aadhaar secure QR trust store: %w", err)
	}
	verifier, err := face.New(cfg.Face(), log)
	if err != nil {
		return nil, fmt.Errorf("face engine (make face-models fetches the models): %w", err)
	}
	*closers = append(*closers, func() { verifier.Close() })
	opsmetrics.SetLivenessAvailable(string(verifier.Engine()), verifier.LivenessAvailable())
	log.Info("engines loaded", "face_engine", verifier.Engine(), "liveness", verifier.LivenessAvailable(),
		"bands", fmt.Sprintf("%+v", verifier.Bands()))

	workers := river.NewWorkers()
	river.AddWorker(workers, pipeline.NewReadCardsWorker(c.kyc, rd, qr, log))
	river.AddWorker(workers, pipeline.NewMatchFaceWorker(c.kyc, c.store, verifier, log))
	river.AddWorker(workers, webhook.NewWorker(c.store, c.sender, cfg.WebhookRetry, cfg.WebhookPerClient, log))
	river.AddWorker(workers, retention.NewWorker(c.kyc, cfg.Retention(), log))
	river.AddWorker(workers, retention.NewSweepWorker(c.kyc, cfg.Retention(), log))
	runner := cfg.Runner()
	runner.OnIdle, runner.IdleAfter = func() { nativemem.Trim() }, trimAfterIdle
	if cfg.Retention().Enabled() {
		runner.Periodic = append(runner.Periodic, cfg.Retention().Periodic())
	}
	if p := cfg.Retention().SweepPeriodic(); p != nil {
		runner.Periodic = append(runner.Periodic, p)
	}
	return jobs.NewRunner(c.store.Pool(), workers, runner, log)
}
