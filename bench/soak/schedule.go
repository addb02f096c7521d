package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/enxtai/kyc/internal/testkit/netproxy"
)

// fault is one step of the schedule: it starts at frac of the run (or as soon as the one before it ended) and
// do returns when the component is back; the recovery time after it still counts as part of it.
type fault struct {
	frac float64
	name string
	do   func()
}

// schedule is every fault kind once. The worker goes first: a job it had running comes back only after
// KYC_JOB_RESCUE_AFTER, which then passes while the other faults run.
func schedule(o opts, st *stats, pg *pgCluster, serve0, worker *proc, s3p, redisp *netproxy.Proxy, recv *receiver) []fault {
	// mid-upload: wait (a little) for an upload to be in flight
	uploading := func() {
		for end := time.Now().Add(10 * time.Second); st.uploading.Load() == 0 && time.Now().Before(end); {
			time.Sleep(20 * time.Millisecond)
		}
	}
	return []fault{
		{0.05, "worker kill -9", func() {
			// mid-job: wait (a little) for a job to be running
			n := pg.runningJobs(20 * time.Second)
			worker.Kill()
			fmt.Printf("worker killed with %d job(s) running\n", n)
			time.Sleep(3 * time.Second)
			must(worker.Start())
		}},
		{0.15, "serve-0 kill -9", func() {
			uploading()
			serve0.Kill()
			time.Sleep(3 * time.Second)
			must(serve0.Start())
			must(serve0.WaitHealthy(time.Minute))
		}},
		{0.30, "postgres restart", func() { must(pg.Restart()) }},
		{0.45, fmt.Sprintf("s3 down %v", o.outage), func() { uploading(); s3p.Down(); time.Sleep(o.outage); must(s3p.Restore()) }},
		{0.60, fmt.Sprintf("redis down %v", o.outage), func() { redisp.Down(); time.Sleep(o.outage); must(redisp.Restore()) }},
		{0.75, fmt.Sprintf("receiver-0 down %v", o.hookOutage), func() { recv.setDown(true); time.Sleep(o.hookOutage); recv.setDown(false) }},
	}
}

// runSchedule runs the faults one after the other (never two at once, so that every error is counted against
// the one fault in progress).
func runSchedule(start time.Time, o opts, clock *faultClock, faults []fault) {
	for _, f := range faults {
		time.Sleep(time.Until(start.Add(time.Duration(f.frac * float64(o.dur)))))
		clock.Set(f.name)
		t0 := time.Now()
		f.do()
		time.Sleep(o.recovery)
		clock.Set("")
		fmt.Printf("fault %-22s at %5.0fs, lasted %4.0fs\n", f.name, t0.Sub(start).Seconds(), time.Since(t0).Seconds())
	}
}

// faultClock names the fault in progress ("" for none).
type faultClock struct {
	mu   sync.Mutex
	name string
}

func (f *faultClock) Set(n string) { f.mu.Lock(); f.name = n; f.mu.Unlock() }
func (f *faultClock) Active() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.name
}
