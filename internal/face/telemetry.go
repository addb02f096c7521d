package face

import (
	"context"

	"go.opentelemetry.io/otel/attribute"

	"github.com/enxtai/kyc/internal/opsmetrics"
	"github.com/enxtai/kyc/internal/telemetry"
)

// Spans of a verification: "face.match" (timed as the face step) holds "face.detect" (both sides, in
// parallel) and "face.align_embed" (the largest face of each side aligned and embedded, in parallel);
// "face.liveness" is timed as the liveness step. Each is one span per call, not per face, to stay cheap.

func startMatch(ctx context.Context, engine Engine) (context.Context, telemetry.Step) {
	return telemetry.StartStep(ctx, opsmetrics.StepFace, "face.match", attribute.String("face.engine", string(engine)))
}

func startDetect(ctx context.Context) (context.Context, telemetry.Step) {
	return telemetry.StartStep(ctx, "", "face.detect")
}

func startEmbed(ctx context.Context) (context.Context, telemetry.Step) {
	return telemetry.StartStep(ctx, "", "face.align_embed")
}

func startLiveness(ctx context.Context, model string) (context.Context, telemetry.Step) {
	return telemetry.StartStep(ctx, opsmetrics.StepLiveness, "face.liveness", attribute.String("face.liveness_model", model))
}
