// Command soak runs the platform as deployed (two serve replicas, one worker, a throw-away PostgreSQL cluster,
// Redis and the S3 gateway, each of the last two behind a loopback proxy that can take it away) while synthetic
// clients of several tenants run the guide's whole flow and a fault schedule runs: kill -9 of a serve replica
// and of the worker, a PostgreSQL restart, S3 and Redis down 20 s, a webhook receiver down 60 s. Afterwards
// it waits for recovery and counts what was lost. The last line is
// "soak: sessions N decided N stuck 0 lost-uploads 0 lost-webhooks 0". Run: make soak (make soak-short).
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/s3test"
)

func main() {
	dur := flag.Duration("duration", 10*time.Minute, "how long clients start sessions (faults are spread over it)")
	tenants := flag.Int("tenants", 3, "tenants (clients of the platform), each with its webhook receiver")
	perTenant := flag.Int("clients", 2, "concurrent synthetic users per tenant")
	drain := flag.Duration("drain", 5*time.Minute, "how long to wait for recovery after the run")
	flag.Parse()
	if err := run(*dur, *tenants, *perTenant, *drain); err != nil {
		log.Fatal(err)
	}
}

func run(dur time.Duration, tenants, perTenant int, drain time.Duration) error {
	root, _ := os.Getwd()
	dir, err := os.MkdirTemp("", "kyc-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fmt.Printf("# soak %s: %v of sessions, %d tenants x %d users; 2 serve, 1 worker; logs in %s\n",
		time.Now().UTC().Format(time.RFC3339), dur, tenants, perTenant, dir)

	pg, err := startPostgres(dir)
	if err != nil {
		return err
	}
	defer pg.Stop()
	redis, redisPort, err := startRedis(dir)
	if err != nil {
		return err
	}
	defer func() { _ = redis.Process.Kill() }()
	s3, err := s3test.StartServer()
	if err != nil {
		return err
	}
	defer s3.Stop()
	s3p, err := newProxy(s3.Endpoint)
	if err != nil {
		return err
	}
	redisp, err := newProxy(fmt.Sprintf("127.0.0.1:%d", redisPort))
	if err != nil {
		return err
	}

	bin := filepath.Join(dir, "kyc-server")
	if out, err := exec.Command("go", "build", "-o", bin, "./server").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v: %s", err, out)
	}
	key := make([]byte, 32)
	for i := range key {
		key[i] = byte(i*7 + 3)
	}
	base := append(os.Environ(),
		"KYC_DATABASE_URL="+pg.URL("kyc"), "KYC_REDIS_URL=redis://"+redisp.Addr+"/0",
		"KYC_S3_ENDPOINT="+s3p.Addr, "KYC_S3_ACCESS_KEY="+s3.AccessKey, "KYC_S3_SECRET_KEY="+s3.SecretKey,
		"KYC_S3_BUCKET=soak", "KYC_BLOB_MASTER_KEYS=soak:"+base64.StdEncoding.EncodeToString(key),
		"KYC_LOG_LEVEL=warn", "KYC_MODE=development", "KYC_WEBHOOK_ALLOWED_HOSTS=127.0.0.1",
		// The first serve creates and migrates the throw-away database; every process's private listener
		// (metrics, probes) gets a port of its own.
		"KYC_AUTO_MIGRATE=true", "KYC_METRICS_ADDR=127.0.0.1:0",
		"KYC_RATE_LIMIT_PER_MINUTE=100000", // status polling of several users per key: faults, not the limiter
		"KYC_WEBHOOK_RETRY_SCHEDULE=2s,5s,10s,20s,30s,30s,30s,30s,30s,30s",
		"KYC_JOB_TIMEOUT=60s", "KYC_JOB_RESCUE_AFTER=90s", "KYC_RECOGNITION_WORKERS=2",
		"KYC_MODELS_DIR="+filepath.Join(root, ".cache", "models"),
		"KYC_ONNXRUNTIME_LIB="+filepath.Join(root, ".cache", "lib", "onnxruntime-1.24.1", "libonnxruntime.so.1"))

	var procs []*proc
	var replicas []string
	for i := 0; i < 2; i++ {
		addr := fmt.Sprintf("127.0.0.1:%d", freePort())
		lf, _ := os.Create(filepath.Join(dir, fmt.Sprintf("serve%d.log", i)))
		p := &proc{name: fmt.Sprintf("serve-%d", i), role: "serve", bin: bin, httpAddr: addr, log: lf,
			env: append(append([]string{}, base...), "KYC_HTTP_ADDR="+addr,
				fmt.Sprintf("KYC_GRPC_ADDR=127.0.0.1:%d", freePort()), "KYC_WORKERS=false")}
		procs = append(procs, p)
		replicas = append(replicas, "http://"+addr+"/api")
	}
	wl, _ := os.Create(filepath.Join(dir, "worker.log"))
	worker := &proc{name: "worker", role: "worker", bin: bin, log: wl, env: base}
	procs = append(procs, worker)
	for _, p := range procs { // the first serve migrates; start one at a time
		if err := p.Start(); err != nil {
			return err
		}
		if err := p.WaitHealthy(2 * time.Minute); err != nil {
			return err
		}
	}
	defer func() {
		for _, p := range procs {
			p.Stop()
		}
	}()

	// tenants, their keys and receivers
	faults := &faultClock{}
	st := newStats(faults)
	var recvs []*receiver
	var clients []*client
	for t := 0; t < tenants; t++ {
		cc := exec.Command(bin, "client", "create", "--name", fmt.Sprintf("tenant-%d", t))
		cc.Env = base
		out, err := cc.Output()
		if err != nil {
			return fmt.Errorf("client create: %v", err)
		}
		var created map[string]string
		if err := json.Unmarshal(out, &created); err != nil {
			return fmt.Errorf("client create: %q", out)
		}
		r := &receiver{seen: map[string]int{}}
		srv := httptest.NewServer(r)
		defer srv.Close()
		recvs = append(recvs, r)
		for u := 0; u < perTenant; u++ {
			clients = append(clients, &client{key: created["apiKey"], replicas: replicas, st: st,
				http: &http.Client{Timeout: 60 * time.Second}, n: u})
		}
		c := clients[len(clients)-1]
		if code, body := c.retry(time.Minute, func() (int, []byte) {
			return c.do("PUT", "/v1/webhooks", []byte(`{"url":"`+srv.URL+`/hook"}`), "application/json")
		}); code != 200 {
			return fmt.Errorf("set webhook: %d %s", code, body)
		}
	}

	docs := filepath.Join(dir, "docs")
	sets := make([]kycdocs.Set, 6)
	for i := range sets {
		if sets[i], err = kycdocs.Write(filepath.Join(docs, fmt.Sprint(i)), int64(i), "bona.jpg", "bona2.jpg"); err != nil {
			return err
		}
	}
	baseline := map[string]float64{}
	for _, p := range procs {
		baseline[p.name] = p.sample() / 1024
	}

	// the clients
	stopAt := time.Now().Add(dur)
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; time.Now().Before(stopAt); n++ {
				c.session(fmt.Sprintf("user-%d-%d", i, n), sets[(i+n)%len(sets)], 3*time.Minute)
			}
		}()
	}
	sampler := time.NewTicker(time.Second)
	go func() {
		for range sampler.C {
			for _, p := range procs {
				p.sample()
			}
		}
	}()

	// the fault schedule, spread over the run
	start := time.Now()
	at := func(frac float64) { time.Sleep(time.Until(start.Add(time.Duration(frac * float64(dur))))) }
	schedule := []struct {
		frac float64
		name string
		do   func()
	}{
		{0.10, "serve-0 kill -9", func() { procs[0].Kill(); time.Sleep(3 * time.Second); must(procs[0].Start()); _ = procs[0].WaitHealthy(time.Minute) }},
		{0.22, "worker kill -9", func() { worker.Kill(); time.Sleep(3 * time.Second); must(worker.Start()) }},
		{0.34, "postgres restart", func() { must(pg.Restart()) }},
		{0.46, "s3 down 20s", func() { s3p.Down(); time.Sleep(20 * time.Second); must(s3p.Up()) }},
		{0.58, "redis down 20s", func() { redisp.Down(); time.Sleep(20 * time.Second); must(redisp.Up()) }},
		{0.70, "receiver-0 down 60s", func() { recvs[0].setDown(true); time.Sleep(60 * time.Second); recvs[0].setDown(false) }},
	}
	for _, f := range schedule {
		at(f.frac)
		faults.Set(f.name)
		t0 := time.Now()
		f.do()
		time.Sleep(5 * time.Second) // recovery counts as part of the fault
		faults.Set("")
		fmt.Printf("fault %-22s at %5.0fs, lasted %4.0fs\n", f.name, t0.Sub(start).Seconds(), time.Since(t0).Seconds())
	}
	wg.Wait()
	fmt.Printf("clients done after %.0fs; waiting up to %v for recovery\n", time.Since(start).Seconds(), drain)
	return report(pg, st, recvs, procs, baseline, drain)
}

func must(err error) {
	if err != nil {
		log.Print(err)
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

// report waits for every started session to be decided and every delivery to be delivered (or drain to pass),
// then prints the figures and the summary line.
func report(pg *pgCluster, st *stats, recvs []*receiver, procs []*proc, baseline map[string]float64, drain time.Duration) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pg.URL("kyc"))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	st.mu.Lock()
	started := append([]string{}, st.started...)
	st.mu.Unlock()
	var decidedN, pending int
	for end := time.Now().Add(drain); ; time.Sleep(2 * time.Second) {
		if err := conn.QueryRow(ctx, `SELECT count(*) FILTER (WHERE status IN ('FACE_VERIFIED','PENDING_REVIEW','VERIFIED','REJECTED'))
			FROM kyc_sessions WHERE id::text = ANY($1)`, started).Scan(&decidedN); err != nil {
			return err
		}
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'`).Scan(&pending); err != nil {
			return err
		}
		if decidedN == len(started) && pending == 0 || time.Now().After(end) {
			break
		}
	}
	// uploads acknowledged but missing
	have := map[string]bool{}
	rows, err := conn.Query(ctx, `SELECT session_id::text || '/' || doc_type FROM documents`)
	if err != nil {
		return err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for _, n := range names {
		have[n] = true
	}
	acked, lostUploads := 0, 0
	for sid, types := range st.acked {
		for _, t := range types {
			acked++
			if !have[sid+"/"+t] {
				lostUploads++
			}
		}
	}
	// webhooks: every delivery in the outbox must have reached its receiver
	rows, err = conn.Query(ctx, `SELECT id::text FROM webhook_deliveries`)
	if err != nil {
		return err
	}
	expected, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	seen := map[string]int{}
	for _, r := range recvs {
		r.mu.Lock()
		for id, n := range r.seen {
			seen[id] += n
		}
		r.mu.Unlock()
	}
	lostHooks, dups := 0, 0
	for _, id := range expected {
		switch n := seen[id]; {
		case n == 0:
			lostHooks++
		case n > 1:
			dups += n - 1
		}
	}
	var withoutCompletion int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM kyc_sessions s WHERE id::text = ANY($1)
		AND status IN ('FACE_VERIFIED','PENDING_REVIEW','VERIFIED','REJECTED') AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
		WHERE d.session_id = s.id AND d.event = 'kyc.verification_completed')`, started).Scan(&withoutCompletion); err != nil {
		return err
	}

	fmt.Printf("sessions started %d, decided %d, stuck %d\n", len(started), decidedN, len(started)-decidedN)
	fmt.Printf("uploads acknowledged %d, missing %d\n", acked, lostUploads)
	fmt.Printf("webhooks expected %d (decided sessions without a completion event: %d), delivered %d, lost %d, duplicated %d (same id)\n",
		len(expected), withoutCompletion, len(expected)-lostHooks, lostHooks, dups)
	st.mu.Lock()
	for fault, codes := range st.errs {
		fmt.Printf("API errors during %-22s %v (without the guide's body: %d)\n", fault+":", codes, st.badBodies[fault])
	}
	fmt.Printf("latency outside faults p50 %.0f ms p99 %.0f ms (n=%d); inside p50 %.0f ms p99 %.0f ms (n=%d)\n",
		ms(pct(st.latOut, 50)), ms(pct(st.latOut, 99)), len(st.latOut), ms(pct(st.latIn, 50)), ms(pct(st.latIn, 99)), len(st.latIn))
	st.mu.Unlock()
	for _, p := range procs {
		now := p.sample() / 1024
		fmt.Printf("%-8s RSS baseline %5.0f MiB, peak %5.0f MiB, after %5.0f MiB\n", p.name, baseline[p.name], p.peakKiB/1024, now)
	}
	lostHooks += withoutCompletion
	fmt.Printf("soak: sessions %d decided %d stuck %d lost-uploads %d lost-webhooks %d\n",
		len(started), decidedN, len(started)-decidedN, lostUploads, lostHooks)
	if len(started)-decidedN != 0 || lostUploads != 0 || lostHooks != 0 {
		return fmt.Errorf("soak: targets missed")
	}
	return nil
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration{}, d...)
	sortDurations(s)
	return s[min(len(s)-1, int(float64(len(s))*p/100))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
