// Package jobs is the durable job queue of the platform, River on PostgreSQL: the job kinds and their
// arguments, the schema migration, an insert-only Queue that use-cases call inside their own transactions (so a
// job exists exactly when the state change that causes it commits), and the Runner that works them. The workers
// themselves live with their domains (internal/pipeline, internal/webhook); this package must not import them.
// A job carries the trace of the request that queued it in its metadata ("traceparent") and is worked as a
// child span of it (trace.go), so one trace follows a session from the upload to the webhook.
package jobs
