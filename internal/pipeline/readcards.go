package pipeline

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"golang.org/x/sync/errgroup"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/kyc"
)

// ReadCardsWorker reads the PAN card and both Aadhaar sides of a session, and the Aadhaar Secure QR.
type ReadCardsWorker struct {
	river.WorkerDefaults[jobs.ReadCardsArgs]
	kyc    *kyc.Service
	reader *reader.Reader
	qr     *aadhaarqr.Reader // nil: no Secure QR reading
	log    *slog.Logger
}

// NewReadCardsWorker returns the OCR step; qr reads the Secure QR on the Aadhaar sides (nil: not read).
func NewReadCardsWorker(k *kyc.Service, r *reader.Reader, qr *aadhaarqr.Reader, log *slog.Logger) *ReadCardsWorker {
	return &ReadCardsWorker{kyc: k, reader: r, qr: qr, log: log}
}

// storedReading is the card reading kept for reviewers and the decision: the reader's, and the Secure QR's.
type storedReading struct {
	reader.Reading
	AadhaarQR *kyc.QRReading `json:"aadhaarQr,omitempty"`
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
	front, back := qrSide{side: kyc.DocAadhaarFront}, qrSide{side: kyc.DocAadhaarBack}
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
		if err == nil && w.qr != nil {
			front, err = readQR(gctx, w.qr, kyc.DocAadhaarFront, img)
		}
		return err
	}))
	g.Go(safely(func() error {
		img, release, err := decode(gctx, w.kyc, step.Documents[kyc.DocAadhaarBack])
		if err == nil {
			defer release()
			res.AadhaarBack, err = w.reader.ReadAadhaarBack(gctx, img)
		}
		if err == nil && w.qr != nil {
			back, err = readQR(gctx, w.qr, kyc.DocAadhaarBack, img)
		}
		return err
	}))
	if err := g.Wait(); err != nil {
		return try.failed(ctx, "reading cards", err)
	}
	res.CrossCheck = w.reader.CrossCheck(res.PAN, res.AadhaarFront, res.AadhaarBack)
	shown, reading, photo := secureQR(pickQR(back, front), res, step.Session.Phone, step.Session.Email)
	data := extracted(res).WithSignedQR(shown, first(res.AadhaarFront.Number.Value, res.AadhaarBack.Number.Value) != "")
	if err := w.kyc.CompleteReading(ctx, id, gen, data, storedReading{res, reading}, photo); err != nil {
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
