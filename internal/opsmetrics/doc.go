// Package opsmetrics holds the Prometheus metrics an operator alerts on (deploy/monitoring has the dashboard
// and the alert rules that read them): per-step latency, the decision mix, webhook outcomes, rate-limit
// refusals, S3 and PostgreSQL errors, which the code paths count as they run; and, read from the database on
// each scrape, the job queues' depth and age, the review queue's age and the webhook backlog.
//
// The instruments are package variables on purpose: they are counted deep inside engines and workers whose
// constructors should not grow a metrics parameter each, and a counter is safe to share. Register puts them
// (and the scrape-time collector) on the process's registry, which internal/app builds and serves. Every
// labelled series an alert reads is created at zero here, so that a rule sees 0 rather than nothing.
//
// This package imports no other package of ours (it is imported by engines, store and transports alike).
package opsmetrics
