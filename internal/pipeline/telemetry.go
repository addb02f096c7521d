package pipeline

import (
	"context"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/opsmetrics"
	"github.com/enxtai/kyc/internal/telemetry"
)

// decide runs kyc's decision transaction inside the span "kyc.decide", timed as the decision step.
func decide(ctx context.Context, k *kyc.Service, id uuid.UUID, gen int, check kyc.FaceCheck) error {
	ctx, step := telemetry.StartStep(ctx, opsmetrics.StepDecision, "kyc.decide")
	err := k.CompleteMatching(ctx, id, gen, check)
	step.End(err)
	return err
}
