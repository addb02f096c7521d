package opsmetrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Register adds the metrics to reg; db, when not nil, is read on each scrape for the backlog figures.
func Register(reg prometheus.Registerer, db Querier) error {
	cs := []prometheus.Collector{stepDuration, livenessAvailable, decisions, reviewReasons, webhookAttempts, rateLimited,
		s3Errors, pgErrors, jobRuns}
	if db != nil {
		cs = append(cs, &backlog{db: db, timeout: 3 * time.Second})
	}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return err
		}
	}
	return nil
}

func init() {
	// Series the alert rules and the dashboard read exist from the start, at zero.
	for _, s := range []string{StepOCR, StepFace, StepLiveness, StepDecision, StepWebhook} {
		stepDuration.WithLabelValues(s)
	}
	decisions.WithLabelValues("auto_approved")
	decisions.WithLabelValues("review")
	for _, o := range []string{"delivered", "rejected", "unreachable"} {
		webhookAttempts.WithLabelValues(o)
	}
	for _, m := range []string{"GET", "PUT", "DELETE", "HEAD", "POST"} {
		s3Errors.WithLabelValues(m)
	}
	pgErrors.WithLabelValues("conn")
}
