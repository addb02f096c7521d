package app_test

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

// TestMonitoringMetricsExposed: after one session (sent to review, its webhooks delivered), /metrics exposes
// every metric the alert rules and the dashboard read (deploy/monitoring/metrics.txt), and the session is
// counted: a review decision with its reason, the steps timed, the deliveries counted, the backlog read.
func TestMonitoringMetricsExposed(t *testing.T) {
	srv := testserver.Start(t, testserver.WithWorkers())
	_, key := srv.NewClient(t, "acme")
	rcv := webhooktest.New(t, webhookSecret)
	putWebhook(t, srv, key, rcv.URL, webhookSecret)
	docs, err := kycdocs.Write(filepath.Join(t.TempDir(), "docs"), 101, "jimin6.jpg", "tzuyu.jpg")
	if err != nil {
		t.Fatal(err)
	}
	sid := initiateAndUpload(t, srv, key, "metrics-1", docs)
	if got := waitForOutcome(t, srv, key, sid, 90*time.Second).GetStatus().String(); got != "PENDING_REVIEW" {
		t.Fatalf("status %s, want PENDING_REVIEW", got)
	}
	rcv.WaitFor(t, 30*time.Second, webhooktest.Event("kyc.verification_completed", sid))

	samples := scrapeMetrics(t, srv)
	for _, name := range listedMetrics(t) {
		if _, ok := samples[name]; !ok {
			t.Errorf("/metrics lacks %s (listed in deploy/monitoring/metrics.txt)", name)
		}
	}
	for _, want := range []string{
		`kyc_decisions_total{outcome="review"}`,
		`kyc_review_reasons_total{reason="face_mismatch"}`,
		`kyc_step_duration_seconds_count{step="ocr"}`,
		`kyc_step_duration_seconds_count{step="face"}`,
		`kyc_step_duration_seconds_count{step="decision"}`,
		`kyc_step_duration_seconds_count{step="webhook"}`,
		`kyc_webhook_attempts_total{outcome="delivered"}`,
		`kyc_job_runs_total{kind="kyc.match_face",outcome="ok"}`,
		`kyc_review_queue_sessions`,
		`kyc_backlog_scrape_ok`,
	} {
		if v, ok := samples[want]; !ok || v == "0" {
			t.Errorf("%s = %q, want > 0 after the session", want, v)
		}
	}
}

// scrapeMetrics returns /metrics as sample (name with labels, as printed) -> value, and also name -> "" for
// each metric name seen.
func scrapeMetrics(t *testing.T, srv *testserver.Server) map[string]string {
	t.Helper()
	resp, err := http.Get("http://" + srv.App.MetricsAddr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("/metrics: %d", resp.StatusCode)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(raw), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		sample, value := line[:i], line[i+1:]
		out[sample] = value
		name := sample
		if j := strings.IndexByte(sample, '{'); j >= 0 {
			name = sample[:j]
		}
		if _, ok := out[name]; !ok {
			out[name] = ""
		}
	}
	return out
}

func listedMetrics(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("../../deploy/monitoring/metrics.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			names = append(names, l)
		}
	}
	if len(names) == 0 {
		t.Fatal("metrics.txt lists nothing")
	}
	return names
}
