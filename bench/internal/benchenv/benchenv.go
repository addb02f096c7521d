// Package benchenv runs a real kyc-server process for benchmarks: built from this tree, on a fresh database,
// with its own S3 server, a client key, and the process id for memory readings. Nothing is mocked.
package benchenv

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/enxtai/kyc/internal/testkit/s3test"
)

// Env is a running server.
type Env struct {
	BaseURL  string // http://127.0.0.1:PORT/api
	GRPCAddr string
	Key      string
	S3       *s3test.Server
	Bucket   string
	DBURL    string
	Cmd      *exec.Cmd

	dir, db string
}

// Options adjust the server.
type Options struct {
	Env []string // extra KEY=VALUE settings
}

// Start builds and starts kyc-server serve.
func Start(o Options) (*Env, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	e := &Env{db: fmt.Sprintf("kyc_bench_%d", os.Getpid()), Bucket: "bench"}
	if e.dir, err = os.MkdirTemp("", "kyc-bench-"); err != nil {
		return nil, err
	}
	bin := filepath.Join(e.dir, "kyc-server")
	build := exec.Command("go", "build", "-o", bin, "./server")
	build.Dir, build.Stderr = root, os.Stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	if e.S3, err = s3test.StartServer(); err != nil {
		return nil, err
	}
	e.DBURL = "postgres://postgres@127.0.0.1:5432/" + e.db + "?sslmode=disable"
	var key [32]byte
	_, _ = rand.Read(key[:])
	httpAddr, grpcAddr := freeAddr(), freeAddr()
	env := append(os.Environ(),
		"KYC_DATABASE_URL="+e.DBURL, "KYC_HTTP_ADDR="+httpAddr, "KYC_GRPC_ADDR="+grpcAddr, "KYC_METRICS_ADDR=127.0.0.1:0",
		"KYC_S3_ENDPOINT="+e.S3.Endpoint, "KYC_S3_ACCESS_KEY="+e.S3.AccessKey, "KYC_S3_SECRET_KEY="+e.S3.SecretKey,
		"KYC_S3_BUCKET="+e.Bucket, "KYC_BLOB_MASTER_KEYS=bench:"+base64.StdEncoding.EncodeToString(key[:]),
		"KYC_LOG_LEVEL=warn", "KYC_MODE=development", "KYC_AUTO_MIGRATE=true", "KYC_WEBHOOK_ALLOWED_HOSTS=127.0.0.1",
		"KYC_RATE_LIMIT_PER_MINUTE=100000000", // benchmarks measure the platform, not the limiter
		"KYC_MODELS_DIR="+filepath.Join(root, ".cache", "models"),
		"KYC_ONNXRUNTIME_LIB="+filepath.Join(root, ".cache", "lib", "onnxruntime-1.24.1", "libonnxruntime.so.1"))
	env = append(env, o.Env...)
	out, err := runCmd(bin, env, "client", "create", "--name", "bench")
	if err != nil {
		e.Close()
		return nil, err
	}
	var created map[string]string
	if err := json.Unmarshal([]byte(out), &created); err != nil {
		e.Close()
		return nil, fmt.Errorf("client create: %q", out)
	}
	e.Key = created["apiKey"]
	e.Cmd = exec.Command(bin, "serve")
	e.Cmd.Env, e.Cmd.Stderr = env, os.Stderr
	if err := e.Cmd.Start(); err != nil {
		e.Close()
		return nil, err
	}
	e.BaseURL, e.GRPCAddr = "http://"+httpAddr+"/api", grpcAddr
	for i := 0; i < 300; i++ {
		if resp, err := http.Get("http://" + httpAddr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return e, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	e.Close()
	return nil, fmt.Errorf("server did not become healthy")
}

// PeakRSS is the server's peak resident memory (VmHWM) in MiB.
func (e *Env) PeakRSS() float64 { return statusKiB(e.Cmd.Process.Pid, "VmHWM:") / 1024 }

// RSS is the server's current resident memory in MiB.
func (e *Env) RSS() float64 { return statusKiB(e.Cmd.Process.Pid, "VmRSS:") / 1024 }

// Close stops everything and drops the database.
func (e *Env) Close() {
	if e.Cmd != nil && e.Cmd.Process != nil {
		_ = e.Cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = e.Cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = e.Cmd.Process.Kill()
		}
	}
	if e.S3 != nil {
		e.S3.Stop()
	}
	ctx := context.Background()
	if conn, err := pgx.Connect(ctx, "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"); err == nil {
		_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+e.db+" WITH (FORCE)")
		conn.Close(ctx)
	}
	os.RemoveAll(e.dir)
}

func statusKiB(pid int, field string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, field) {
			v, _ := strconv.ParseFloat(strings.Fields(l)[1], 64)
			return v
		}
	}
	return 0
}

func runCmd(bin string, env []string, args ...string) (string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env, cmd.Stderr = env, os.Stderr
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	for err == nil {
		if _, serr := os.Stat(filepath.Join(dir, "go.mod")); serr == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("benchenv: no go.mod above the working directory")
		}
		dir = parent
	}
	return "", err
}
