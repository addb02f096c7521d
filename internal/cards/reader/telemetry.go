package reader

import (
	"context"

	"go.opentelemetry.io/otel/attribute"

	"github.com/enxtai/kyc/internal/opsmetrics"
	"github.com/enxtai/kyc/internal/telemetry"
)

// startOCR opens the span "ocr <card>" around one card's reading and times it for the OCR latency histogram.
// An engine failure is recorded by the job that called (its span ends with the error).
func startOCR(ctx context.Context, card string) (context.Context, telemetry.Step) {
	return telemetry.StartStep(ctx, opsmetrics.StepOCR, "ocr "+card, attribute.String("kyc.card", card))
}
