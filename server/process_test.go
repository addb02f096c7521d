package main

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
	"github.com/enxtai/kyc/internal/testkit/s3test"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// deployment is the environment of kyc-server processes sharing one database and bucket, as replicas do.
type deployment struct {
	env      []string
	httpAddr string
	base     string
	dbURL    string
}

// newDeployment prepares the environment; s3Endpoint and dbURL may point at fault-injecting proxies.
func newDeployment(t *testing.T, dbURL string, bucket s3test.Bucket, s3Endpoint string) *deployment {
	root, _ := filepath.Abs("..")
	d := &deployment{httpAddr: freeAddr(t), dbURL: dbURL}
	d.base = "http://" + d.httpAddr
	d.env = []string{
		"KYC_DATABASE_URL=" + dbURL, "KYC_HTTP_ADDR=" + d.httpAddr, "KYC_GRPC_ADDR=" + freeAddr(t), "KYC_METRICS_ADDR=127.0.0.1:0",
		"KYC_S3_ENDPOINT=" + s3Endpoint, "KYC_S3_BUCKET=" + bucket.Name, "KYC_S3_ACCESS_KEY=" + bucket.AccessKey,
		"KYC_S3_SECRET_KEY=" + bucket.SecretKey, "KYC_BLOB_MASTER_KEYS=" + testserver.MasterKeys(),
		"KYC_MODE=development", "KYC_WEBHOOK_ALLOWED_HOSTS=127.0.0.1", "KYC_WEBHOOK_RETRY_SCHEDULE=500ms,1s,2s,3s",
		"KYC_JOB_TIMEOUT=5s", "KYC_JOB_RESCUE_AFTER=6s", "KYC_JOB_POLL_INTERVAL=200ms", "KYC_LOG_LEVEL=debug",
		// Polling tests send more than 100 requests a minute; the replicas share a Redis namespace of their own.
		"KYC_RATE_LIMIT_PER_MINUTE=1000000", "KYC_RATE_LIMIT_REDIS_PREFIX=" + testserver.RedisPrefix(),
		"KYC_MODELS_DIR=" + filepath.Join(root, ".cache", "models"),
		"KYC_ONNXRUNTIME_LIB=" + filepath.Join(root, ".cache", "lib", "onnxruntime-1.24.1", "libonnxruntime.so.1"),
	}
	return d
}

func newLocalDeployment(t *testing.T) *deployment {
	b := s3test.NewBucket(t)
	return newDeployment(t, pgtest.NewDatabase(t), b, b.Endpoint)
}

// proc is a running kyc-server.
type proc struct {
	cmd  *exec.Cmd
	logs *syncBuffer
	done chan error
}

func (d *deployment) start(t *testing.T, args ...string) *proc {
	t.Helper()
	if len(args) == 0 {
		args = []string{"serve"}
	}
	p := &proc{cmd: exec.Command(binary, args...), logs: &syncBuffer{}, done: make(chan error, 1)}
	p.cmd.Env = append(os.Environ(), d.env...)
	p.cmd.Stderr = p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() { p.kill() })
	if args[0] == "serve" {
		waitHealthy(t, d.base, p.done, p.logs.String)
	}
	return p
}

// kill stops the process with SIGKILL: no cleanup, no graceful anything.
func (p *proc) kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	select {
	case err := <-p.done:
		_ = err // the exit status of a killed process says nothing
	case <-time.After(5 * time.Second):
	}
}

func (d *deployment) clientKey(t *testing.T) string {
	t.Helper()
	out, err := run(t, d.env, "client", "create", "--name", "faults")
	if err != nil {
		t.Fatal(err)
	}
	return oneJSONLine(t, out, "clientId", "apiKey")["apiKey"]
}

// call sends a JSON request and decodes the answer.
func (d *deployment) call(t *testing.T, method, path, key, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, d.base+"/api"+path, strings.NewReader(body))
	req.Header.Set("X-API-Key", key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// session initiates for user and uploads the four documents over REST; it returns the session id.
func (d *deployment) session(t *testing.T, key, user string, docs kycdocs.Set) string {
	t.Helper()
	code, out := d.call(t, "POST", "/v1/kyc/initiate", key, `{"externalUserId":"`+user+`"}`)
	if code != 201 {
		t.Fatalf("initiate: %d %v", code, out)
	}
	for _, up := range []struct{ path, file string }{
		{"pan", docs.PAN}, {"aadhaar/front", docs.AadhaarFront}, {"aadhaar/back", docs.AadhaarBack}, {"live-photo", docs.LivePhoto},
	} {
		d.upload(t, key, user, up.path, up.file)
	}
	return out["kycSessionId"].(string)
}

func (d *deployment) upload(t *testing.T, key, user, path, file string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("externalUserId", user)
	w, _ := mw.CreateFormFile("file", filepath.Base(file))
	data, _ := os.ReadFile(file)
	_, _ = w.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", d.base+"/api/v1/kyc/upload/"+path, &body)
	req.Header.Set("X-API-Key", key)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("upload %s: %d %s", path, resp.StatusCode, raw)
	}
}

// waitOutcome polls the status until processing is over.
func (d *deployment) waitOutcome(t *testing.T, key, sid string, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequest("GET", d.base+"/api/v1/kyc/status/"+sid, nil)
		req.Header.Set("X-API-Key", key)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			var out map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&out)
			resp.Body.Close()
			switch s, _ := out["status"].(string); s {
			case "FACE_VERIFIED", "PENDING_REVIEW", "VERIFIED", "REJECTED":
				return s
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("session %s reached no outcome within %v", sid, timeout)
	return ""
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
