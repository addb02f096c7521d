package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/netproxy"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
	"github.com/enxtai/kyc/internal/testkit/s3test"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

const secret = "whsec_ZmF1bHQtdGVzdC1zZWNyZXQtMDEyMzQ1Njc4OWFi"

func docsFor(t *testing.T, seed int64) kycdocs.Set {
	t.Helper()
	docs, err := kycdocs.Write(filepath.Join(t.TempDir(), "docs"), seed, "luda.jpg", "luda2.jpg")
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestKillDuringPipeline: kill -9 right after the live photo, start again: the session still reaches an
// outcome and its webhooks arrive.
func TestKillDuringPipeline(t *testing.T) {
	d := newLocalDeployment(t)
	key := d.clientKey(t)
	rcv := webhooktest.New(t, secret)
	p := d.start(t)
	if code, out := d.call(t, "PUT", "/v1/webhooks", key, `{"url":"`+rcv.URL+`","secret":"`+secret+`"}`); code != 200 {
		t.Fatalf("webhook: %d %v", code, out)
	}
	sid := d.session(t, key, "kill-pipeline", docsFor(t, 500))
	p.kill()
	time.Sleep(rescueAfter) // River rescues jobs of dead processes once they are this old (checked at start)
	t0 := time.Now()
	d.start(t)
	t.Logf("restarted in %v", time.Since(t0))
	d.waitOutcome(t, key, sid, 60*time.Second)
	t.Logf("outcome after %v", time.Since(t0))
	for _, ev := range []string{"kyc.documents_uploaded", "kyc.verification_completed"} {
		if dl := rcv.WaitFor(t, deliveryAfterCrash, webhooktest.Event(ev, sid)); len(dl.Problems) > 0 {
			t.Errorf("%s: %v", ev, dl.Problems)
		}
	}
}

// TestKillDuringDelivery: kill -9 while the endpoint is answering a delivery; after a restart the delivery is
// sent again with the same id (at least once), and the log shows it delivered.
func TestKillDuringDelivery(t *testing.T) {
	d := newLocalDeployment(t)
	key := d.clientKey(t)
	rcv := webhooktest.New(t, secret)
	rcv.Respond(http.StatusOK, 3*time.Second) // slow endpoint: the kill lands mid-delivery
	p := d.start(t)
	d.call(t, "PUT", "/v1/webhooks", key, `{"url":"`+rcv.URL+`","secret":"`+secret+`"}`)
	sid := d.session(t, key, "kill-delivery", docsFor(t, 501))
	// documents_uploaded is being delivered now; wait until the endpoint has it in hand, then kill.
	time.Sleep(1500 * time.Millisecond)
	p.kill()
	rcv.Respond(http.StatusOK, 0)
	time.Sleep(rescueAfter)
	d.start(t)
	d.waitOutcome(t, key, sid, 60*time.Second)
	first := rcv.WaitFor(t, deliveryAfterCrash, webhooktest.Event("kyc.documents_uploaded", sid))
	rcv.WaitFor(t, deliveryAfterCrash, webhooktest.Event("kyc.verification_completed", sid))
	// The interrupted attempt is rescued and recorded as delivered.
	deadline := time.Now().Add(90 * time.Second)
	for {
		code, out := d.call(t, "GET", "/v1/webhooks/deliveries", key, "")
		pending := 0
		for _, x := range out["deliveries"].([]any) {
			if m := x.(map[string]any); m["status"] != "delivered" {
				pending++
			}
		}
		if code == 200 && pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("deliveries not all delivered: %v", out)
		}
		time.Sleep(time.Second)
	}
	// At least once: the endpoint got the interrupted delivery and its repetition, both with the same id.
	ids := map[any]int{}
	for _, dl := range rcv.Deliveries() {
		if dl.Payload["event"] == "kyc.documents_uploaded" {
			ids[dl.Payload["id"]]++
		}
	}
	if len(ids) != 1 || ids[first.Payload["id"]] < 2 {
		t.Fatalf("documents_uploaded arrived as %v: want one id, sent again after the kill", ids)
	}
}

// rescueAfter is KYC_JOB_RESCUE_AFTER of the fault deployments plus a margin.
const rescueAfter = 6500 * time.Millisecond

// TestDatabaseAndStorageOutages: PostgreSQL and then S3 go away for a while during processing; the jobs retry
// and the session completes.
func TestDatabaseAndStorageOutages(t *testing.T) {
	for _, which := range []string{"postgres", "s3"} {
		t.Run(which, func(t *testing.T) {
			bucket := s3test.NewBucket(t)
			dbURL := pgtest.NewDatabase(t)
			pgProxy := netproxy.New(t, "127.0.0.1:5432")
			s3Proxy := netproxy.New(t, bucket.Endpoint)
			d := newDeployment(t, strings.Replace(dbURL, "127.0.0.1:5432", pgProxy.Addr, 1), bucket, s3Proxy.Addr)
			key := d.clientKey(t)
			p := d.start(t)
			sid := d.session(t, key, "outage-"+which, docsFor(t, 502))
			proxy := map[string]*netproxy.Proxy{"postgres": pgProxy, "s3": s3Proxy}[which]
			proxy.Down()
			time.Sleep(3 * time.Second)
			proxy.Up(t)
			d.waitOutcome(t, key, sid, 90*time.Second)
			// The outage was felt (a step failed and was retried, or the job system lost its connection).
			if logs := p.logs.String(); !strings.Contains(logs, "will retry") && !strings.Contains(logs, "connection refused") {
				t.Errorf("no sign of the outage in the logs:\n%s", logs[max(0, len(logs)-3000):])
			}
		})
	}
}

// deliveryAfterCrash bounds how long a delivery interrupted by a kill takes to arrive after the restart: the new
// process must first win River's leadership (the dead leader's lease runs out), whose rescuer then finds the
// job (it checks at start and every 30 s).
const deliveryAfterCrash = 100 * time.Second
