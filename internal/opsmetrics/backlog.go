package opsmetrics

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"
)

// Querier is the database the backlog is read from (a *pgxpool.Pool).
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// backlog reads, on each scrape, what is waiting: River's jobs per queue and state with the age of the oldest
// job ready to run, the sessions waiting for a reviewer and the webhook deliveries not yet delivered. Reading
// at scrape time (every 15-60 s, a few index scans) keeps the figures right across replicas, which a counter
// in one process could not. Every replica reports the same figures: aggregate with max(), not sum().
type backlog struct {
	db      Querier
	timeout time.Duration
}

var (
	jobsDesc = prometheus.NewDesc("kyc_jobs", "River jobs by queue and state (available, running, retryable, scheduled, pending, discarded).",
		[]string{"queue", "state"}, nil)
	jobAgeDesc = prometheus.NewDesc("kyc_jobs_oldest_available_age_seconds", "Age of the oldest job ready to run, per queue (0 when none waits).",
		[]string{"queue"}, nil)
	reviewDesc    = prometheus.NewDesc("kyc_review_queue_sessions", "Sessions waiting for a reviewer (PENDING_REVIEW).", nil, nil)
	reviewAgeDesc = prometheus.NewDesc("kyc_review_queue_oldest_age_seconds", "How long the oldest session in review has waited.", nil, nil)
	hooksDesc     = prometheus.NewDesc("kyc_webhook_pending_deliveries", "Webhook deliveries not yet delivered nor given up.", nil, nil)
	hookAgeDesc   = prometheus.NewDesc("kyc_webhook_oldest_pending_age_seconds", "Age of the oldest webhook delivery not yet delivered.", nil, nil)
	upDesc        = prometheus.NewDesc("kyc_backlog_scrape_ok", "1 when the last read of the backlog from PostgreSQL succeeded.", nil, nil)
)

// queues and states are always reported (at 0 when empty), so that alert rules see series.
var (
	queues = []string{"recognition", "webhooks", "maintenance"}
	states = []string{"available", "running", "retryable", "scheduled", "pending", "discarded"}
)

func (b *backlog) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{jobsDesc, jobAgeDesc, reviewDesc, reviewAgeDesc, hooksDesc, hookAgeDesc, upDesc} {
		ch <- d
	}
}

func (b *backlog) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
	defer cancel()
	ok := 1.0
	if err := b.collectJobs(ctx, ch); err != nil {
		ok = 0
	}
	if err := b.collectWaiting(ctx, ch); err != nil {
		ok = 0
	}
	ch <- prometheus.MustNewConstMetric(upDesc, prometheus.GaugeValue, ok)
}

const jobsSQL = `SELECT queue, state::text, count(*),
	coalesce(extract(epoch FROM now() - min(scheduled_at) FILTER (WHERE state = 'available')), 0)
FROM river_job WHERE state IN ('available', 'running', 'retryable', 'scheduled', 'pending', 'discarded')
GROUP BY queue, state`

func (b *backlog) collectJobs(ctx context.Context, ch chan<- prometheus.Metric) error {
	rows, err := b.db.Query(ctx, jobsSQL)
	if err != nil {
		return err
	}
	counts := map[[2]string]float64{}
	ages := map[string]float64{}
	for _, q := range queues {
		ages[q] = 0
		for _, s := range states {
			counts[[2]string{q, s}] = 0
		}
	}
	for rows.Next() {
		var q, s string
		var n int64
		var age float64
		if err := rows.Scan(&q, &s, &n, &age); err != nil {
			return err
		}
		counts[[2]string{q, s}] = float64(n)
		if s == "available" {
			ages[q] = max(age, 0)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for k, n := range counts {
		ch <- prometheus.MustNewConstMetric(jobsDesc, prometheus.GaugeValue, n, k[0], k[1])
	}
	for q, age := range ages {
		ch <- prometheus.MustNewConstMetric(jobAgeDesc, prometheus.GaugeValue, age, q)
	}
	return nil
}

// The review queue counts live sessions in PENDING_REVIEW (as the reviewers' list does); its age runs from
// the decision that sent it there. Both queries use the indexes the reviewers' list and the outbox use.
const waitingSQL = `SELECT
	(SELECT count(*) FROM kyc_sessions WHERE status = 'PENDING_REVIEW' AND superseded_at IS NULL AND erased_at IS NULL),
	(SELECT coalesce(extract(epoch FROM now() - min(coalesce(decided_at, updated_at))), 0) FROM kyc_sessions
		WHERE status = 'PENDING_REVIEW' AND superseded_at IS NULL AND erased_at IS NULL),
	(SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'),
	(SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM webhook_deliveries WHERE status = 'pending')`

func (b *backlog) collectWaiting(ctx context.Context, ch chan<- prometheus.Metric) error {
	rows, err := b.db.Query(ctx, waitingSQL)
	if err != nil {
		return err
	}
	var reviews, hooks int64
	var reviewAge, hookAge float64
	if _, err := pgx.CollectExactlyOneRow(rows, func(r pgx.CollectableRow) (struct{}, error) {
		return struct{}{}, r.Scan(&reviews, &reviewAge, &hooks, &hookAge)
	}); err != nil {
		return err
	}
	ch <- prometheus.MustNewConstMetric(reviewDesc, prometheus.GaugeValue, float64(reviews))
	ch <- prometheus.MustNewConstMetric(reviewAgeDesc, prometheus.GaugeValue, max(reviewAge, 0))
	ch <- prometheus.MustNewConstMetric(hooksDesc, prometheus.GaugeValue, float64(hooks))
	ch <- prometheus.MustNewConstMetric(hookAgeDesc, prometheus.GaugeValue, max(hookAge, 0))
	return nil
}
