package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/enxtai/kyc/internal/testkit/s3test"
)

// Options say which server to start and how.
type Options struct {
	ServerBin string   // path of kyc-server
	ServerEnv []string // KEY=VALUE added last to the server's environment
}

// Env is a running test environment. Close stops it.
type Env struct {
	dir      string
	db       *database
	s3       *s3test.Server
	server   *exec.Cmd
	exited   chan struct{}
	bin      string
	dbURL    string
	httpAddr string
	grpcAddr string
	clientID string
	apiKey   string
	docs     string
}

// Start brings up database, S3 and server, creates a client and writes the documents. On error the returned
// Env (possibly nil) holds what was started, for Close.
func Start(ctx context.Context, o Options) (*Env, error) {
	bin, err := filepath.Abs(o.ServerBin)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("server binary: %w (run make build)", err)
	}
	dir, err := os.MkdirTemp("", "kyc-testenv-")
	if err != nil {
		return nil, err
	}
	e := &Env{dir: dir, bin: bin, exited: make(chan struct{})}
	if e.db, err = createDatabase(ctx); err != nil {
		return e, fmt.Errorf("database: %w", err)
	}
	e.dbURL = e.db.url
	if e.s3, err = s3test.StartServer(); err != nil {
		return e, fmt.Errorf("s3: %w", err)
	}
	if e.docs, err = writeDocs(filepath.Join(dir, "docs")); err != nil {
		return e, fmt.Errorf("documents: %w", err)
	}
	if err := e.startServer(ctx, o.ServerEnv); err != nil {
		return e, err
	}
	if err := e.createClient(ctx); err != nil {
		return e, err
	}
	return e, nil
}

// CommandEnv is what the command under test is told.
func (e *Env) CommandEnv() []string {
	return []string{
		"KYC_BASE_URL=http://" + e.httpAddr + "/api",
		"KYC_HTTP_URL=http://" + e.httpAddr,
		"KYC_GRPC_ADDR=" + e.grpcAddr,
		"ENXTAI_API_KEY=" + e.apiKey,
		"KYC_CLIENT_ID=" + e.clientID,
		"KYC_DATABASE_URL=" + e.dbURL,
		"KYC_SERVER_BIN=" + e.bin,
		"KYC_TEST_DOCS=" + e.docs,
	}
}

func (e *Env) serverEnv(extra []string) []string {
	keys := make([]byte, 32)
	_, _ = rand.Read(keys)
	env := append(os.Environ(),
		"KYC_DATABASE_URL="+e.dbURL,
		"KYC_AUTO_MIGRATE=true", // the database is made empty for this run
		"KYC_HTTP_ADDR="+e.httpAddr,
		"KYC_GRPC_ADDR="+e.grpcAddr,
		"KYC_METRICS_ADDR=127.0.0.1:0", // several servers may run at once
		"KYC_BLOB_STORE=s3",
		"KYC_S3_ENDPOINT="+e.s3.Endpoint,
		"KYC_S3_ACCESS_KEY="+e.s3.AccessKey,
		"KYC_S3_SECRET_KEY="+e.s3.SecretKey,
		"KYC_S3_REGION="+e.s3.Region,
		"KYC_S3_BUCKET=kyc-sdk-"+randomHex(4),
		"KYC_BLOB_MASTER_KEYS=testenv:"+base64.StdEncoding.EncodeToString(keys),
		"KYC_LOG_FORMAT=text",
		// Webhook receivers of the tests listen on loopback over http; retries come quickly.
		"KYC_MODE=development",
		"KYC_WEBHOOK_ALLOWED_HOSTS=127.0.0.1,localhost,::1",
		"KYC_WEBHOOK_RETRY_SCHEDULE=1s,2s,4s",
		// The guide's 100/min would throttle a whole test suite sharing one key; tests of the limit itself
		// spend a fresh key's budget (600 requests take about a second).
		"KYC_RATE_LIMIT_PER_MINUTE=600",
		// Tests of bad keys all come from 127.0.0.1: the per-address failure budget is out of their way.
		"KYC_AUTH_FAILURES_PER_MINUTE=1000000",
	)
	return append(env, extra...)
}

// startServer runs kyc-server serve on free ports and waits for /healthz. A port taken between choosing and
// binding makes the server exit; it is retried on new ports.
func (e *Env) startServer(ctx context.Context, extra []string) error {
	var lastErr error
	for range 3 {
		h, g, err := freePorts()
		if err != nil {
			return err
		}
		e.httpAddr, e.grpcAddr = h, g
		e.exited = make(chan struct{})
		log, err := os.OpenFile(e.logPath(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		cmd := exec.Command(e.bin, "serve")
		cmd.Env = e.serverEnv(extra)
		cmd.Stdout, cmd.Stderr = log, log
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			log.Close()
			return fmt.Errorf("start %s: %w", e.bin, err)
		}
		e.server = cmd
		go func() { _ = cmd.Wait(); log.Close(); close(e.exited) }()
		if lastErr = e.waitHealthy(ctx, 60*time.Second); lastErr == nil {
			return nil
		}
		e.stopServer()
	}
	return lastErr
}

func (e *Env) waitHealthy(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-e.exited:
			return fmt.Errorf("kyc-server exited during start; log %s", e.logPath())
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if resp, err := client.Get("http://" + e.httpAddr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("kyc-server not healthy after %s; log %s", limit, e.logPath())
}

// createClient runs `kyc-server client create`, as an operator would.
func (e *Env) createClient(ctx context.Context) error {
	cmd := exec.CommandContext(ctx, e.bin, "client", "create", "--name", "sdk-tests")
	cmd.Env = append(os.Environ(), "KYC_DATABASE_URL="+e.dbURL, "KYC_LOG_FORMAT=text")
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("client create: %w", err)
	}
	var c struct{ ClientID, APIKey string }
	if err := json.Unmarshal(out, &c); err != nil || c.APIKey == "" {
		return fmt.Errorf("client create printed %q: %v", out, err)
	}
	e.clientID, e.apiKey = c.ClientID, c.APIKey
	return nil
}

func (e *Env) logPath() string { return filepath.Join(e.dir, "server.log") }

func (e *Env) stopServer() {
	if e.server == nil || e.server.Process == nil {
		return
	}
	_ = e.server.Process.Signal(syscall.SIGTERM)
	select {
	case <-e.exited:
	case <-time.After(15 * time.Second):
		_ = syscall.Kill(-e.server.Process.Pid, syscall.SIGKILL)
		<-e.exited
	}
	e.server = nil
}

// Close stops the server and S3, drops the database and removes the temporary folder; with showLog it first
// prints the end of the server's log to stderr.
func (e *Env) Close(showLog bool) {
	e.stopServer()
	if showLog {
		if b, err := os.ReadFile(e.logPath()); err == nil {
			fmt.Fprintf(os.Stderr, "---- kyc-server log (last 8 kB) ----\n%s\n----\n", tail(string(b), 8192))
		}
	}
	if e.s3 != nil {
		e.s3.Stop()
	}
	if e.db != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := e.db.drop(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "testenv: drop database: %v\n", err)
		}
	}
	os.RemoveAll(e.dir)
}

func freePorts() (string, string, error) {
	var addrs [2]string
	for i := range addrs {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return "", "", err
		}
		defer l.Close()
		addrs[i] = l.Addr().String()
	}
	return addrs[0], addrs[1], nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[len(s)-n:]
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
