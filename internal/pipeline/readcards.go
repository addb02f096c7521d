package pipeline

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"golang.org/x/sync/errgroup"

	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/kyc"
)

// ReadCardsWorker reads the PAN card and both Aadhaar sides of a session.
type ReadCardsWorker struct {
	river.WorkerDefaults[jobs.ReadCardsArgs]
	kyc    *kyc.Service
	reader *reader.Reader
	log    *slog.Logger
}

// NewReadCardsWorker returns the OCR step.
func NewReadCardsWorker(k *kyc.Service, r *reader.Reader, log *slog.Logger) *ReadCardsWorker {
	return &ReadCardsWorker{kyc: k, reader: r, log: log}
}

// Work reads the three cards at once (the OCR pool bounds the parallelism) and records the result.
func (w *ReadCardsWorker) Work(ctx context.Context, job *river.Job[jobs.ReadCardsArgs]) error {
	id, gen := job.Args.SessionID, job.Args.Generation
	try := attempt{kyc: w.kyc, log: w.log, job: job.JobRow, id: id, gen: gen}
	step, due, err := w.kyc.LoadStep(ctx, id, gen, kyc.StatusDocumentsUploaded)
	if err != nil || !due {
		return try.loadFailed(ctx, "reading cards", err)
	}
	var res reader.Reading
	g, gctx := errgroup.WithContext(ctx)
	g.Go(safely(func() error {
		img, release, err := decode(gctx, w.kyc, step.Documents[kyc.DocPAN])
		if err == nil {
			defer release()
			res.PAN, err = w.reader.ReadPAN(gctx, img)
		}
		return err
	}))
	g.Go(safely(func() error {
		img, release, err := decode(gctx, w.kyc, step.Documents[kyc.DocAadhaarFront])
		if err == nil {
			defer release()
			res.AadhaarFront, err = w.reader.ReadAadhaarFront(gctx, img)
		}
		return err
	}))
	g.Go(safely(func() error {
		img, release, err := decode(gctx, w.kyc, step.Documents[kyc.DocAadhaarBack])
		if err == nil {
			defer release()
			res.AadhaarBack, err = w.reader.ReadAadhaarBack(gctx, img)
		}
		return err
	}))
	if err := g.Wait(); err != nil {
		return try.failed(ctx, "reading cards", err)
	}
	res.CrossCheck = w.reader.CrossCheck(res.PAN, res.AadhaarFront, res.AadhaarBack)
	if err := w.kyc.CompleteReading(ctx, id, gen, extracted(res), res); err != nil {
		return try.failed(ctx, "recording the cards", err)
	}
	return nil
}

// NextRetry backs off 1 s, 4 s, 9 s, 16 s.
func (w *ReadCardsWorker) NextRetry(job *river.Job[jobs.ReadCardsArgs]) time.Time {
	return time.Now().Add(backoff(job.Attempt))
}

// extracted is the API's extractedData: the PAN's number, name (as printed on it, upper case like the guide's
// example) and date of birth, the Aadhaar's masked number, the Aadhaar's name and date of birth where the PAN
// gave none, and the address from the back.
func extracted(r reader.Reading) kyc.ExtractedData {
	d := kyc.ExtractedData{
		PanNumber:     r.PAN.Number.Value,
		AadhaarNumber: first(r.AadhaarFront.Number.Value, r.AadhaarBack.Number.Value),
		FullName:      first(r.PAN.Name.Value, r.AadhaarFront.Name.Value),
		DateOfBirth:   first(r.PAN.DOB.Value, fullDate(r.AadhaarFront)),
		Address:       r.AadhaarBack.Address.Value,
	}
	return d
}

func fullDate(f reader.AadhaarFrontResult) string {
	if f.YearOfBirthOnly {
		return "" // the API's dateOfBirth is a full date
	}
	return f.DOB.Value
}

func first(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
