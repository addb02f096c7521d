// Package pipeline works a session's processing run as durable jobs: read the three cards (in parallel), then
// match the Aadhaar photo against the selfie and score liveness, then decide with the calibrated bands. Each
// step is a River job inserted in the transaction of the state change before it, does nothing when its run is
// stale or already done (so a repeated or resumed job is harmless), is retried with backoff, and after its last
// attempt sends the session to review instead of leaving it stuck. It calls internal/kyc for every state
// change and the engines (internal/cards/reader, internal/face) for the work; it holds no API code. Decoding is
// bounded per process (images.go), and a panic in a goroutine a step starts fails the step, not the process.
package pipeline
