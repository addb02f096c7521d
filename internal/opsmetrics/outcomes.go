package opsmetrics

import (
	"github.com/prometheus/client_golang/prometheus"
)

var decisions = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "kyc_decisions_total",
	Help: "Processing decisions by outcome: auto_approved or review.",
}, []string{"outcome"})

var reviewReasons = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "kyc_review_reasons_total",
	Help: "Reasons sessions were sent to review, by reason code (a session may have several).",
}, []string{"reason"})

// Decided counts one decision: auto-approved, or sent to review with its reason codes (each counted once).
func Decided(approved bool, reasons []string) {
	if approved {
		decisions.WithLabelValues("auto_approved").Inc()
		return
	}
	decisions.WithLabelValues("review").Inc()
	for _, r := range reasons {
		reviewReasons.WithLabelValues(r).Inc()
	}
}

var webhookAttempts = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "kyc_webhook_attempts_total",
	Help: "Webhook delivery attempts by outcome: delivered (2xx), rejected (other status), unreachable (no answer).",
}, []string{"outcome"})

// WebhookAttempt counts one delivery attempt by the endpoint's answer (status 0: none).
func WebhookAttempt(status int) {
	switch {
	case status >= 200 && status <= 299:
		webhookAttempts.WithLabelValues("delivered").Inc()
	case status == 0:
		webhookAttempts.WithLabelValues("unreachable").Inc()
	default:
		webhookAttempts.WithLabelValues("rejected").Inc()
	}
}

var rateLimited = prometheus.NewCounter(prometheus.CounterOpts{
	Name: "kyc_ratelimit_refusals_total",
	Help: "Requests refused by the per-key rate limit (answered 429 / RESOURCE_EXHAUSTED).",
})

// RateLimited counts one refused request.
func RateLimited() { rateLimited.Inc() }

var s3Errors = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "kyc_s3_errors_total",
	Help: "Failed object-storage requests (no answer or a 5xx), by method.",
}, []string{"method"})

// S3Error counts one failed object-storage request.
func S3Error(method string) { s3Errors.WithLabelValues(method).Inc() }

var pgErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "kyc_postgres_errors_total",
	Help: "Failed PostgreSQL statements by SQLSTATE class (e.g. 08 connection, 40 rollback, 53 resources, 57 operator); 'conn' when no server error came back.",
}, []string{"class"})

// PostgresError counts one failed statement by SQLSTATE class.
func PostgresError(class string) { pgErrors.WithLabelValues(class).Inc() }

var jobRuns = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "kyc_job_runs_total",
	Help: "Job attempts worked by this process, by kind and outcome (ok, error).",
}, []string{"kind", "outcome"})

// JobRun counts one worked job attempt.
func JobRun(kind string, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	jobRuns.WithLabelValues(kind, outcome).Inc()
}
