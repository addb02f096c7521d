package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/enxtai/kyc/internal/testkit/pgtest"
	"github.com/enxtai/kyc/internal/testkit/s3test"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kyc-server-test-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "kyc-server")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	s3test.RunMain(&cleanupM{m, dir})
}

func run(t *testing.T, env []string, args ...string) (stdout string, err error) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("%v: %s", err, errb.String())
	}
	return out.String(), nil
}

// TestOperatorCLIContract: client create / rotate-key and admin create print exactly one JSON line.
func TestOperatorCLIContract(t *testing.T) {
	env := []string{"KYC_DATABASE_URL=" + pgtest.NewDatabase(t)}
	keyRe := regexp.MustCompile(`^kyc_(live|admin)_[A-Za-z0-9_-]{43}$`)

	out, err := run(t, env, "client", "create", "--name", "Acme Lending")
	if err != nil {
		t.Fatal(err)
	}
	created := oneJSONLine(t, out, "clientId", "apiKey")
	if !keyRe.MatchString(created["apiKey"]) {
		t.Fatalf("apiKey %q has not the expected form", created["apiKey"])
	}

	out, err = run(t, env, "client", "rotate-key", "--client-id", created["clientId"])
	if err != nil {
		t.Fatal(err)
	}
	rotated := oneJSONLine(t, out, "clientId", "apiKey")
	if rotated["clientId"] != created["clientId"] || rotated["apiKey"] == created["apiKey"] {
		t.Fatalf("rotate-key: %v after %v", rotated, created)
	}

	out, err = run(t, env, "admin", "create", "--name", "Reviewer One")
	if err != nil {
		t.Fatal(err)
	}
	admin := oneJSONLine(t, out, "adminId", "apiKey")
	if !keyRe.MatchString(admin["apiKey"]) {
		t.Fatalf("admin apiKey %q", admin["apiKey"])
	}

	if _, err := run(t, env, "client", "rotate-key", "--client-id", "00000000-0000-0000-0000-000000000000"); err == nil {
		t.Fatal("rotating keys of an unknown client succeeded")
	}
	if _, err := run(t, env, "client", "create"); err == nil {
		t.Fatal("client create without --name succeeded")
	}
}

func oneJSONLine(t *testing.T, out string, keys ...string) map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one line, got %q", out)
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil || len(m) != len(keys) {
		t.Fatalf("want a JSON object with %v, got %q", keys, out)
	}
	for _, k := range keys {
		if m[k] == "" {
			t.Fatalf("%q lacks %s", out, k)
		}
	}
	return m
}

// TestServeGracefulShutdown: on SIGTERM, calls in flight finish, and the process exits 0.
func TestServeGracefulShutdown(t *testing.T) {
	d := newLocalDeployment(t) // with workers: shutdown stops them too
	dbURL, httpAddr, env := d.dbURL, d.httpAddr, d.env
	out, err := run(t, env, "client", "create", "--name", "shutdown")
	if err != nil {
		t.Fatal(err)
	}
	key := oneJSONLine(t, out, "clientId", "apiKey")["apiKey"]

	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), env...)
	logs := &syncBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + httpAddr
	waitHealthy(t, base, nil, logs.String)

	// Keep requests flowing, stop the server in the middle, and count how each ended.
	var mu sync.Mutex
	outcomes := map[string]int{}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				outcome := initiate(base, key, fmt.Sprintf("user-%d", i))
				mu.Lock()
				outcomes[outcome]++
				mu.Unlock()
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() { errc <- cmd.Wait() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("serve exited with %v\n%s", err, logs.String())
		}
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("serve did not exit after SIGTERM")
	}
	cancel()
	wg.Wait()
	t.Logf("outcomes: %v", outcomes)
	if outcomes["201"] == 0 {
		t.Fatal("no request succeeded before shutdown")
	}
	// A call either completed or was refused before it started; none was cut off with a server error.
	for o, n := range outcomes {
		if o != "201" && o != "refused" && n > 0 {
			t.Errorf("%d requests ended with %s\n%s", n, o, grepLines(logs.String(), "ERROR", "WARN", "shutting"))
		}
	}
	// Every request the server processed got its answer: as many sessions as 201s.
	n := countSessions(t, dbURL)
	if n != outcomes["201"] {
		t.Errorf("%d sessions in the database, %d answered 201: an answer was lost", n, outcomes["201"])
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Error("no shutdown log line")
	}
}

func initiate(base, key, user string) string {
	req, _ := http.NewRequest("POST", base+"/api/v1/kyc/initiate", strings.NewReader(`{"externalUserId":"`+user+`"}`))
	req.Header.Set("X-API-Key", key)
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		// The listener closed: refused, or reset while still in the kernel's accept queue (never read by the
		// server; the count of sessions below proves no processed request lost its answer).
		if strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "connection reset") ||
			strings.HasSuffix(err.Error(), ": EOF") {
			return "refused"
		}
		return "error: " + err.Error()
	}
	resp.Body.Close()
	return fmt.Sprint(resp.StatusCode)
}

// waitHealthy waits for the server's health check, up to 30 s (loading the face models takes a while on a CI
// machine busy with other test packages). It fails at once if the process exits, and shows the end of its log
// either way.
func waitHealthy(t *testing.T, base string, exited <-chan error, logs func() string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		select {
		case err := <-exited:
			t.Fatalf("server exited before it was healthy (%v); its log ends:\n%s", err, lastLines(logs(), 30))
		default:
		}
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server did not become healthy in 30 s; its log ends:\n%s", lastLines(logs(), 30))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func grepLines(s string, words ...string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		for _, w := range words {
			if strings.Contains(l, w) {
				out = append(out, l)
				break
			}
		}
	}
	return strings.Join(out, "\n")
}

func countSessions(t *testing.T, dbURL string) int {
	conn, err := pgx.Connect(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM kyc_sessions").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// cleanupM removes the built binary after the tests, inside s3test.RunMain (which exits).
type cleanupM struct {
	m   *testing.M
	dir string
}

func (c *cleanupM) Run() int {
	defer os.RemoveAll(c.dir)
	return c.m.Run()
}
