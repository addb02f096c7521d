// Package webhook tells clients what happened through signed HTTP deliveries that are never lost: events are
// written to an outbox (webhook_deliveries) in the same transaction as the state change that caused them, each
// with a job that sends the exact stored body, signed (X-Signature, and Standard Webhooks headers), retried on a
// schedule until it is delivered or marked failed (and can be redelivered). Endpoints are guarded against
// server-side request forgery. Deliveries are fair per client (a client has a bounded share of the delivery
// workers, fair.go) and a delivery has at most one job; stored bodies are sealed (bodyseal.go) and erased by the
// retention job some days after delivery. It knows the store and the job queue, not the KYC rules (internal/kyc calls it).
package webhook
