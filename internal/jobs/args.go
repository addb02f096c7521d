package jobs

import (
	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Queues: CPU-heavy recognition work has its own queue with bounded concurrency, so it never starves the
// light, latency-sensitive webhook deliveries.
const (
	QueueRecognition = "recognition"
	QueueWebhooks    = "webhooks"
	QueueMaintenance = "maintenance" // periodic housekeeping (retention), one at a time
)

// ReadCardsArgs asks for the OCR step of a session's processing run.
type ReadCardsArgs struct {
	SessionID  uuid.UUID `json:"session_id"`
	Generation int       `json:"generation"` // the processing run; a job of an older run does nothing
}

func (ReadCardsArgs) Kind() string { return "kyc.read_cards" }

func (ReadCardsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueRecognition, MaxAttempts: RecognitionAttempts}
}

// RecognitionAttempts bounds the tries of a recognition step; after the last one the session goes to review.
const RecognitionAttempts = 5

// MatchFaceArgs asks for the face and liveness step, then the decision.
type MatchFaceArgs struct {
	SessionID  uuid.UUID `json:"session_id"`
	Generation int       `json:"generation"`
}

func (MatchFaceArgs) Kind() string { return "kyc.match_face" }

func (MatchFaceArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueRecognition, MaxAttempts: RecognitionAttempts}
}

// DeliverWebhookArgs asks for one delivery of one event to a client's endpoint.
type DeliverWebhookArgs struct {
	DeliveryID uuid.UUID `json:"delivery_id"`
}

func (DeliverWebhookArgs) Kind() string { return "webhook.deliver" }

func (DeliverWebhookArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueWebhooks, UniqueOpts: UntilDone}
}

// UntilDone makes a job unique by its arguments while it waits, runs or waits for a retry: a delivery has at
// most one job at a time, however often it is redelivered.
var UntilDone = river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
	rivertype.JobStateRetryable, rivertype.JobStateScheduled}}

// RetentionArgs asks for one pass of the retention rule: delete the document images of sessions decided longer
// ago than the retention period. It is a periodic job (the leader among the workers inserts it).
type RetentionArgs struct{}

func (RetentionArgs) Kind() string { return "kyc.retention" }

func (RetentionArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueMaintenance, MaxAttempts: 3,
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
			rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
			rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// OrphanSweepArgs asks for one sweep of the document store: delete objects no document refers to (see
// kyc.Service.SweepOrphans). A periodic job, like RetentionArgs.
type OrphanSweepArgs struct{}

func (OrphanSweepArgs) Kind() string { return "kyc.orphan_sweep" }

func (OrphanSweepArgs) InsertOpts() river.InsertOpts { return RetentionArgs{}.InsertOpts() }
