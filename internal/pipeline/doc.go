// Package pipeline works a session's processing run as durable jobs: read the three cards (in parallel), then
// match the Aadhaar photo against the selfie and score liveness with the client's decision bands. Each step is
// a River job inserted in the transaction of the state change before it, does nothing when its run is stale or
// already done (so a repeated or resumed job is harmless), is retried with backoff, and after its last attempt
// sends the session to review instead of leaving it stuck (attempt.failed).
//
// It measures and does not decide: it runs the engines (internal/cards/reader, internal/face) and hands their
// results to internal/kyc (CompleteReading with the reader.Reading, CompleteMatching with a kyc.FaceCheck),
// which owns the approval rule and every state change. It must not import internal/api, internal/gateway or
// gRPC/HTTP code, and writes nothing to the database itself. Decoding is bounded per process (images.go), and a
// panic in a goroutine a step starts fails the step, not the process.
package pipeline
