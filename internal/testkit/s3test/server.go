package s3test

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Env names read by the fixture (test-only configuration, not the server's).
const (
	EnvEndpoint  = "KYC_TEST_S3_ENDPOINT"
	EnvAccessKey = "KYC_TEST_S3_ACCESS_KEY"
	EnvSecretKey = "KYC_TEST_S3_SECRET_KEY"
	EnvBinary    = "KYC_VERSITYGW"
)

// Server is a reachable S3 endpoint (plain HTTP on loopback when started here).
type Server struct {
	Endpoint  string // host:port
	AccessKey string
	SecretKey string
	Region    string

	cmd      *exec.Cmd
	dir      string
	done     chan struct{}
	stopOnce sync.Once
}

// shared is the per-process server installed by RunMain.
var shared struct {
	sync.Mutex
	srv    *Server
	active bool
	err    error
}

// StartServer launches versitygw on a free port, or returns the external endpoint from the environment. The
// caller stops it with Stop. For programs (benchmarks); tests use Start or NewBucket.
func StartServer() (*Server, error) {
	if ep := os.Getenv(EnvEndpoint); ep != "" {
		return &Server{Endpoint: ep, AccessKey: os.Getenv(EnvAccessKey), SecretKey: os.Getenv(EnvSecretKey),
			Region: "us-east-1"}, nil
	}
	bin, err := findBinary()
	if err != nil {
		return nil, err
	}
	var lastErr error
	for range 3 { // a freed port can be taken by someone else before versitygw binds it
		s, err := launch(bin)
		if err == nil {
			return s, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func launch(bin string) (*Server, error) {
	dir, err := os.MkdirTemp("", "kyc-s3test-")
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o700); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &Server{Endpoint: fmt.Sprintf("127.0.0.1:%d", port), AccessKey: "test-" + randomHex(6),
		SecretKey: randomHex(20), Region: "us-east-1", dir: dir, done: make(chan struct{})}
	logf, err := os.Create(filepath.Join(dir, "versitygw.log"))
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	s.cmd = exec.Command(bin, "--port", s.Endpoint, "posix", data)
	s.cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+s.AccessKey, "ROOT_SECRET_KEY="+s.SecretKey)
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("s3test: starting %s: %w", bin, err)
	}
	go func() { _ = s.cmd.Wait(); close(s.done) }()
	if err := s.waitReady(10 * time.Second); err != nil {
		logText, _ := os.ReadFile(filepath.Join(dir, "versitygw.log"))
		s.Stop()
		return nil, fmt.Errorf("%w; log:\n%s", err, tail(string(logText), 2000))
	}
	return s, nil
}

func (s *Server) waitReady(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return errors.New("s3test: versitygw exited during start")
		default:
		}
		if c, err := net.DialTimeout("tcp", s.Endpoint, 200*time.Millisecond); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("s3test: versitygw not listening on %s after %s", s.Endpoint, limit)
}

// Stop ends a server started here and removes its data; an external endpoint is left alone.
func (s *Server) Stop() {
	if s == nil || s.cmd == nil {
		return
	}
	s.stopOnce.Do(s.stop)
}

func (s *Server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(3 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
	os.RemoveAll(s.dir)
}

// findBinary looks in KYC_VERSITYGW, <module root>/.cache/bin, then PATH.
func findBinary() (string, error) {
	if p := os.Getenv(EnvBinary); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("s3test: %s=%s: %w", EnvBinary, p, err)
		}
		return p, nil
	}
	if root, err := moduleRoot(); err == nil {
		p := filepath.Join(root, ".cache", "bin", "versitygw")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p, nil
	}
	return "", errors.New("s3test: versitygw not found (looked in $" + EnvBinary + ", .cache/bin/versitygw and " +
		"PATH): run `make setup` (installs the tools; `make versitygw` for this one alone) first, or set " +
		EnvEndpoint)
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func tail(s string, n int) string {
	if len(s) > n {
		s = "..." + s[len(s)-n:]
	}
	return strings.TrimSpace(s)
}

// PID is the versitygw process id, or 0 for an external endpoint.
func (s *Server) PID() int {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// Stopped reports whether a server started here has exited.
func (s *Server) Stopped() bool {
	if s.done == nil {
		return false
	}
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}
