// Package testserver runs the whole server in-process for a test, on its own database and free loopback ports,
// and gives the test what a real client has: base URLs, gRPC connections and API keys.
package testserver

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	"github.com/enxtai/kyc/internal/app"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
	"github.com/enxtai/kyc/internal/testkit/provision"
	"github.com/enxtai/kyc/internal/testkit/s3test"
)

// Server is a running in-process server.
type Server struct {
	App         *app.App
	Config      config.Config
	DatabaseURL string
	BaseURL     string // http://127.0.0.1:PORT/api
	HTTPURL     string // http://127.0.0.1:PORT
	GRPCAddr    string
	Logs        *LogBuffer
	S3          s3test.Bucket // the documents' bucket
}

// Option adjusts the server before start.
type Option func(*Settings)

// Settings are what options change.
type Settings struct {
	Config  config.Config
	OwnS3   bool    // a private S3 server the test may stop (Server.S3.Stop)
	Replica *Server // run as another replica of this server (same database, bucket, keys, rate-limit namespace)
}

// ReplicaOf runs the server as a second replica of s.
func ReplicaOf(s *Server) Option { return func(set *Settings) { set.Replica = s } }

// WithConfig adjusts the configuration.
func WithConfig(f func(*config.Config)) Option { return func(s *Settings) { f(&s.Config) } }

// WithWorkers makes the server work jobs too (card reading, face matching, webhooks), with the engines loaded
// and short retry delays.
func WithWorkers() Option { return func(s *Settings) { s.Config.Workers = true } }

// WithOwnS3 gives the server an S3 server of its own, which the test may stop to see storage fail.
func WithOwnS3() Option { return func(s *Settings) { s.OwnS3 = true } }

// MasterKeys is a fresh document encryption keyring for a test.
func MasterKeys() string {
	var k [32]byte
	_, _ = rand.Read(k[:])
	return "test:" + base64.StdEncoding.EncodeToString(k[:])
}

// RedisPrefix is a fresh Redis key namespace for one test deployment's rate limit counters.
func RedisPrefix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "kyc-test:" + hex.EncodeToString(b[:])
}

// Start runs a server for the test and stops it (gracefully) when the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	cfg, err := config.Load()
	if err != nil {
		t.Fatalf("testserver: config: %v", err)
	}
	cfg.HTTPAddr, cfg.GRPCAddr, cfg.MetricsAddr = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0"
	cfg.ShutdownTimeout = 5 * time.Second
	cfg.AutoMigrate = true // as make run: the database is a migrated clone, so this only confirms it
	cfg.LogLevel = "debug"
	cfg.Workers = false // API tests need no engines; WithWorkers turns them on
	cfg.Mode, cfg.WebhookAllowedHosts = "development", "127.0.0.1"
	cfg.WebhookRetry = []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}
	cfg.JobPollInterval = 100 * time.Millisecond
	// Many tests send far more than 100 requests a minute with one key: the limit is out of their way, and rate
	// limit tests lower it (WithConfig). The counters are in the machine's Redis under a namespace of this
	// server's own, so tests running in parallel never share a budget.
	cfg.RateLimitPerMinute = 1_000_000
	cfg.AuthFailures = 1_000_000 // tests of bad keys from 127.0.0.1 are many; the failure budget's test lowers it
	cfg.RateLimitPrefix = RedisPrefix()
	cfg.RedisTimeout = 2 * time.Second // a starved test machine must not look like a Redis outage
	root := moduleRoot()
	cfg.ModelsDir = filepath.Join(root, ".cache", "models")
	cfg.OnnxRuntimeLib = filepath.Join(root, ".cache", "lib", "onnxruntime-1.24.1", "libonnxruntime.so.1")
	set := Settings{Config: cfg}
	for _, o := range opts {
		o(&set)
	}
	cfg = set.Config
	var bucket s3test.Bucket
	switch {
	case set.Replica != nil: // another replica of a running deployment: same database, bucket and keys
		r := set.Replica.Config
		cfg.DatabaseURL, cfg.BlobMasterKeys, cfg.RateLimitPrefix = r.DatabaseURL, r.BlobMasterKeys, r.RateLimitPrefix
		bucket = set.Replica.S3
	default:
		cfg.DatabaseURL = pgtest.NewDatabase(t)
		cfg.BlobMasterKeys = MasterKeys()
	}
	switch {
	case set.Replica != nil:
	case set.OwnS3:
		bucket = s3test.NewBucketOn(t, s3test.StartOwn(t))
	default:
		bucket = s3test.NewBucket(t)
	}
	cfg.BlobStore, cfg.S3Endpoint, cfg.S3Bucket = "s3", bucket.Endpoint, bucket.Name
	cfg.S3AccessKey, cfg.S3SecretKey, cfg.S3Region = bucket.AccessKey, bucket.SecretKey, bucket.Region
	logs := &LogBuffer{}
	var w io.Writer = logs
	if os.Getenv("KYC_TEST_LOGS") != "" {
		w = io.MultiWriter(logs, os.Stderr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	a, err := app.New(ctx, cfg, app.NewLogger(cfg, w), app.RoleServe)
	if err != nil {
		cancel()
		t.Fatalf("testserver: build: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("testserver: run: %v", err)
		}
		a.Close()
	})
	s := &Server{App: a, Config: cfg, DatabaseURL: cfg.DatabaseURL, GRPCAddr: a.GRPCAddr(), Logs: logs,
		HTTPURL: "http://" + a.HTTPAddr(), S3: bucket}
	s.BaseURL = s.HTTPURL + "/api"
	s.waitReady(t)
	return s
}

func (s *Server) waitReady(t testing.TB) {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.HTTPURL + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("testserver: not ready")
}

// Store is the server's database.
func (s *Server) Store() *store.Store { return s.App.Store() }

// NewClient creates a client (tenant) and returns its id and live API key.
func (s *Server) NewClient(t testing.TB, name string) (clientID, apiKey string) {
	t.Helper()
	out, err := provision.CreateClient(context.Background(), s.Store(), name)
	if err != nil {
		t.Fatalf("testserver: create client: %v", err)
	}
	return out.OwnerID.String(), out.Key
}

// NewAdmin creates a reviewer and returns its id and API key.
func (s *Server) NewAdmin(t testing.TB, name string) (adminID, apiKey string) {
	t.Helper()
	out, err := provision.CreateAdmin(context.Background(), s.Store(), name)
	if err != nil {
		t.Fatalf("testserver: create admin: %v", err)
	}
	return out.OwnerID.String(), out.Key
}

// Dial returns a gRPC connection to the server, closed when the test ends.
func (s *Server) Dial(t testing.TB) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(s.GRPCAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatalf("testserver: dial: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// WithKey returns ctx carrying the API key as gRPC metadata.
func WithKey(ctx context.Context, key string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, auth.MetadataKey, key)
}

// moduleRoot is the repository root (where make puts models under .cache).
func moduleRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}
