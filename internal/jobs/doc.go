// Package jobs is the durable job queue of the platform, River on PostgreSQL: the job kinds and their
// arguments, the schema migration, an insert-only Queue that use-cases call inside their own transactions (so a
// job exists exactly when the state change that causes it commits), and the Runner that works them. The workers
// themselves live with their domains (internal/pipeline, internal/webhook); this package must not import them.
package jobs
