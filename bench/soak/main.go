// Command soak runs the platform as deployed (two serve replicas, one worker, a throw-away PostgreSQL cluster,
// Redis and the S3 gateway, each of the last two behind a loopback proxy that can take it away) while synthetic
// clients of several tenants run the guide's whole flow and a fault schedule runs: kill -9 of the worker and
// of a serve replica, a PostgreSQL restart, S3 and Redis down for a while, a webhook receiver down for longer.
// A warm-up first runs two sessions per document set without faults, after which each process's RSS is taken
// as its baseline. Afterwards it waits for recovery, counts what was lost and compares each process's RSS with
// its baseline. The last line is
// "soak: sessions N decided N stuck 0 lost-uploads 0 lost-webhooks 0 memory-over 0". Run: make soak
// (make soak-short).
package main

import (
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

	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/netproxy"
	"github.com/enxtai/kyc/internal/testkit/s3test"
)

// opts are the run's knobs; the defaults are the full soak's, make soak-short shortens the outages.
type opts struct {
	dur, drain         time.Duration
	tenants, perTenant int
	outage, hookOutage time.Duration // S3 and Redis down; the webhook receiver down
	recovery           time.Duration // counted as part of each fault
	rescueAfter        time.Duration // KYC_JOB_RESCUE_AFTER (the job timeout is two thirds of it)
	settle             time.Duration // quiet time before each RSS reading
}

func main() {
	var o opts
	flag.DurationVar(&o.dur, "duration", 10*time.Minute, "how long clients start sessions (faults are spread over it)")
	flag.IntVar(&o.tenants, "tenants", 3, "tenants (clients of the platform), each with its webhook receiver")
	flag.IntVar(&o.perTenant, "clients", 2, "concurrent synthetic users per tenant")
	flag.DurationVar(&o.drain, "drain", 5*time.Minute, "how long to wait for recovery after the run")
	flag.DurationVar(&o.outage, "outage", 20*time.Second, "how long S3 and Redis are down")
	flag.DurationVar(&o.hookOutage, "hook-outage", 60*time.Second, "how long a webhook receiver answers 503")
	flag.DurationVar(&o.recovery, "recovery", 5*time.Second, "time after each fault still counted as part of it")
	flag.DurationVar(&o.rescueAfter, "rescue-after", 90*time.Second, "KYC_JOB_RESCUE_AFTER: a job left by the killed worker runs again after it")
	flag.DurationVar(&o.settle, "settle", 20*time.Second, "quiet time before the baseline and the final RSS readings")
	flag.Parse()
	if err := run(o); err != nil {
		log.Fatal(err)
	}
}

func run(o opts) (err error) {
	began := time.Now()
	elapsed := func() float64 { return time.Since(began).Seconds() }
	root, _ := os.Getwd()
	dir, err := os.MkdirTemp("", "kyc-soak-")
	if err != nil {
		return err
	}
	defer func() { // the logs stay when something was missed
		if err == nil {
			os.RemoveAll(dir)
		} else {
			fmt.Printf("logs kept in %s\n", dir)
		}
	}()
	fmt.Printf("# soak %s: %v of sessions, %d tenants x %d users; 2 serve, 1 worker; outages %v (S3, Redis), %v (receiver); logs in %s\n",
		time.Now().UTC().Format(time.RFC3339), o.dur, o.tenants, o.perTenant, o.outage, o.hookOutage, dir)

	bin := filepath.Join(dir, "kyc-server")
	built := make(chan error, 1) // the build takes longest: it runs while the infrastructure starts
	go func() {
		if out, err := exec.Command("go", "build", "-o", bin, "./server").CombinedOutput(); err != nil {
			built <- fmt.Errorf("build: %v: %s", err, out)
		}
		close(built)
	}()
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
	s3p, err := netproxy.Start(s3.Endpoint)
	if err != nil {
		return err
	}
	defer s3p.Down()
	redisp, err := netproxy.Start(fmt.Sprintf("127.0.0.1:%d", redisPort))
	if err != nil {
		return err
	}
	defer redisp.Down()

	if err := <-built; err != nil {
		return err
	}
	fmt.Printf("at %4.0fs: infrastructure up, server built\n", elapsed())
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
		fmt.Sprintf("KYC_JOB_TIMEOUT=%v", o.rescueAfter*2/3), fmt.Sprintf("KYC_JOB_RESCUE_AFTER=%v", o.rescueAfter),
		"KYC_RECOGNITION_WORKERS=2",
		"KYC_MODELS_DIR="+filepath.Join(root, ".cache", "models"),
		"KYC_ONNXRUNTIME_LIB="+filepath.Join(root, ".cache", "lib", "onnxruntime-1.24.1", "libonnxruntime.so.1"))

	var procs []*proc
	var replicas []string
	for i := 0; i < 2; i++ {
		addr := fmt.Sprintf("127.0.0.1:%d", freePort())
		lf, _ := os.Create(filepath.Join(dir, fmt.Sprintf("serve%d.log", i)))
		p := &proc{name: fmt.Sprintf("serve-%d", i), role: "serve", bin: bin, httpAddr: addr, log: lf,
			debugAddr: fmt.Sprintf("127.0.0.1:%d", freePort()),
			env: append(append([]string{}, base...), "KYC_HTTP_ADDR="+addr,
				fmt.Sprintf("KYC_GRPC_ADDR=127.0.0.1:%d", freePort()), "KYC_WORKERS=false")}
		procs = append(procs, p)
		replicas = append(replicas, "http://"+addr+"/api")
	}
	wl, _ := os.Create(filepath.Join(dir, "worker.log"))
	worker := &proc{name: "worker", role: "worker", bin: bin, log: wl, env: base,
		debugAddr: fmt.Sprintf("127.0.0.1:%d", freePort())}
	procs = append(procs, worker)
	for _, p := range procs { // the first serve migrates; start one at a time
		if err := p.Start(); err != nil {
			return err
		}
		if err := p.WaitHealthy(2 * time.Minute); err != nil {
			return err
		}
	}
	defer stopAll(procs)

	// tenants, their keys and receivers
	faults := &faultClock{}
	st := newStats(faults)
	var recvs []*receiver
	var clients []*client
	for t := 0; t < o.tenants; t++ {
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
		for u := 0; u < o.perTenant; u++ {
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
	sampler := time.NewTicker(time.Second)
	defer sampler.Stop()
	go func() {
		for range sampler.C {
			for _, p := range procs {
				p.sample()
			}
		}
	}()

	// The warm-up: two whole sessions per document set (at least one per user), all at once and without
	// faults, so that the baseline includes what a process keeps once it has served: engines loaded, pools and
	// upload buffers grown, and the engines' native buffers sized for every image the run will send. With one
	// session per set the worker's pools did not always reach the concurrency of the run: its baseline varied
	// 245-281 MiB between two CI runs of the same code while its final reading stayed 304-319 MiB.
	warm := max(2*len(sets), len(clients))
	fmt.Printf("at %4.0fs: warm-up, %d sessions at once\n", elapsed(), warm)
	var wg sync.WaitGroup
	for i := 0; i < warm; i++ {
		c := *clients[i%len(clients)]
		c.n = i
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.session(fmt.Sprintf("warm-%d", i), sets[i%len(sets)], 3*time.Minute)
		}()
	}
	wg.Wait()
	baseline := readMemory(procs, o.settle)
	fmt.Printf("at %4.0fs: baseline RSS taken after the warm-up and %v of quiet\n", elapsed(), o.settle)

	// the clients
	start := time.Now()
	stopAt := start.Add(o.dur)
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; time.Now().Before(stopAt); n++ {
				c.session(fmt.Sprintf("user-%d-%d", i, n), sets[(i+n)%len(sets)], 3*time.Minute)
			}
		}()
	}
	runSchedule(start, o, faults, schedule(o, st, pg, procs[0], worker, s3p, redisp, recvs[0]))
	wg.Wait()
	fmt.Printf("clients done after %.0fs of faults and sessions (at %.0fs); waiting up to %v for recovery\n",
		time.Since(start).Seconds(), elapsed(), o.drain)
	missed := report(pg, st, recvs, o.drain)
	fmt.Printf("at %4.0fs: recovered; final RSS after %v of quiet\n", elapsed(), o.settle)
	over := memoryReport(procs, baseline, readMemory(procs, o.settle))
	fmt.Printf("soak: sessions %d decided %d stuck %d lost-uploads %d lost-webhooks %d memory-over %d\n",
		missed.started, missed.decided, missed.started-missed.decided, missed.lostUploads, missed.lostHooks, over)
	if missed.err != nil {
		return missed.err
	}
	if missed.started != missed.decided || missed.lostUploads != 0 || missed.lostHooks != 0 || over != 0 {
		return fmt.Errorf("soak: targets missed")
	}
	return nil
}

// stopAll ends every process gracefully, all at once.
func stopAll(procs []*proc) {
	var wg sync.WaitGroup
	for _, p := range procs {
		wg.Add(1)
		go func() { defer wg.Done(); p.Stop() }()
	}
	wg.Wait()
}

func must(err error) {
	if err != nil {
		log.Print(err)
	}
}
