package config

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
	"github.com/realclientip/realclientip-go"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/blob"
	"github.com/enxtai/kyc/internal/imagecheck"
	"github.com/enxtai/kyc/internal/ratelimit"
)

// Config is every setting of kyc-server. Each field is an environment variable with a default; the `doc` tag is
// the README's description.
type Config struct {
	HTTPAddr         string        `env:"KYC_HTTP_ADDR" envDefault:":8080" doc:"REST gateway, OpenAPI, Swagger UI and /healthz"`
	GRPCAddr         string        `env:"KYC_GRPC_ADDR" envDefault:":9090" doc:"gRPC API (KycService and the others, health, reflection)"`
	MetricsAddr      string        `env:"KYC_METRICS_ADDR" envDefault:"127.0.0.1:9464" doc:"Prometheus /metrics, on a listener of its own (keep it private; empty: no metrics)"`
	PublicDocs       bool          `env:"KYC_PUBLIC_DOCS" envDefault:"true" doc:"serve /api/openapi.json and the Swagger UI at /api/docs (false: both 404)"`
	GRPCReflection   bool          `env:"KYC_GRPC_REFLECTION" envDefault:"true" doc:"serve gRPC server reflection (grpcurl, Postman) on KYC_GRPC_ADDR"`
	DatabaseURL      string        `env:"KYC_DATABASE_URL" envDefault:"postgres://postgres@127.0.0.1:5432/kyc?sslmode=disable" doc:"PostgreSQL connection URL"`
	DatabaseMaxConn  int32         `env:"KYC_DATABASE_MAX_CONNS" envDefault:"16" doc:"size of the PostgreSQL connection pool"`
	AutoMigrate      bool          `env:"KYC_AUTO_MIGRATE" envDefault:"false" doc:"true: serve, worker and the operator commands create a missing database and apply pending migrations at start (make run and the tests set it); false: they refuse to start on an outdated schema, and kyc-server migrate is the explicit step"`
	LogLevel         string        `env:"KYC_LOG_LEVEL" envDefault:"info" doc:"debug, info, warn or error"`
	LogFormat        string        `env:"KYC_LOG_FORMAT" envDefault:"json" doc:"json or text"`
	TrustedProxies   string        `env:"KYC_TRUSTED_PROXIES" doc:"reverse proxies in front of the server, IPs or CIDRs, comma-separated; a request through one is audited with the rightmost X-Forwarded-For address that is not one of them (unset: the connection's address)"`
	DebugAddr        string        `env:"KYC_DEBUG_ADDR" doc:"when set (e.g. 127.0.0.1:6060), serves Go's pprof profiles there; keep it private"`
	ShutdownTimeout  time.Duration `env:"KYC_SHUTDOWN_TIMEOUT" envDefault:"20s" doc:"how long SIGTERM waits for in-flight calls"`
	MaxJSONBody      int64         `env:"KYC_MAX_JSON_BODY_BYTES" envDefault:"65536" doc:"largest accepted JSON request body (413 above)"`
	AuthCacheTTL     time.Duration `env:"KYC_AUTH_CACHE_TTL" envDefault:"10s" doc:"how long a verified API key is trusted without asking the database (revocation takes effect within it)"`
	AuthFailures     int           `env:"KYC_AUTH_FAILURES_PER_MINUTE" envDefault:"30" doc:"requests with an unknown or revoked API key allowed per client address and minute; more get 429 with Retry-After until the minute ends (counted where the rate limit counts: shared through Redis; off with KYC_RATE_LIMIT_STORE=off)"`
	BodyGrace        time.Duration `env:"KYC_HTTP_BODY_GRACE" envDefault:"30s" doc:"a request body must arrive within this time plus its size at KYC_HTTP_BODY_MIN_RATE, or the connection is cut (slow-loris protection; 0: no deadline)"`
	MinBodyRate      int64         `env:"KYC_HTTP_BODY_MIN_RATE" envDefault:"8192" doc:"bytes per second a request body must average after KYC_HTTP_BODY_GRACE (8 KiB/s: a 5 MB upload may take 11 minutes)"`
	GRPCMaxStreams   uint32        `env:"KYC_GRPC_MAX_STREAMS" envDefault:"100" doc:"concurrent gRPC calls (streams) per client connection"`
	IdempotencyTTL   time.Duration `env:"KYC_IDEMPOTENCY_TTL" envDefault:"24h" doc:"how long an Idempotency-Key of initiate is remembered"`
	SessionCacheTTL  time.Duration `env:"KYC_SESSION_CACHE_TTL" envDefault:"2s" doc:"sessions read for status calls are kept in memory at most this long (changes evict them at once on every replica; 0 disables)"`
	StreamKeyRecheck time.Duration `env:"KYC_STREAM_KEY_RECHECK" envDefault:"1m" doc:"how often an open gRPC stream (WatchKycStatus, uploads) checks its API key again; a revoked key ends it"`

	RateLimitPerMinute   int           `env:"KYC_RATE_LIMIT_PER_MINUTE" envDefault:"100" doc:"requests per minute per API key (a fixed window from the key's first request); a client's override (kyc-server client set-rate-limit) wins"`
	RateLimitStore       string        `env:"KYC_RATE_LIMIT_STORE" envDefault:"redis" doc:"where requests are counted: redis (shared by all replicas), memory (this process only: one replica) or off (no limit, no X-RateLimit headers)"`
	RedisURL             string        `env:"KYC_REDIS_URL" envDefault:"redis://127.0.0.1:6379/0" secret:"true" doc:"Redis of the shared rate limit (make run/test start one); while unreachable each replica counts alone"`
	RateLimitPrefix      string        `env:"KYC_RATE_LIMIT_REDIS_PREFIX" envDefault:"kyc:ratelimit" doc:"namespace of the counters in Redis: the same for the replicas of one deployment, different for deployments sharing a Redis"`
	RedisTimeout         time.Duration `env:"KYC_REDIS_TIMEOUT" envDefault:"250ms" doc:"a Redis call slower than this counts as an outage (the process then counts alone and retries Redis every 5s)"`
	RateLimitSettingsTTL time.Duration `env:"KYC_RATE_LIMIT_SETTINGS_TTL" envDefault:"10s" doc:"how long a client's rate limit override is cached (a change takes effect within it on every replica)"`

	BlobStore       string `env:"KYC_BLOB_STORE" envDefault:"s3" doc:"where documents are kept: s3 (any S3-compatible server) or fs (a local directory, one machine only)"`
	S3Endpoint      string `env:"KYC_S3_ENDPOINT" envDefault:"127.0.0.1:9000" doc:"S3 server host:port (make run starts one here)"`
	S3AccessKey     string `env:"KYC_S3_ACCESS_KEY" doc:"S3 access key"`
	S3SecretKey     string `env:"KYC_S3_SECRET_KEY" secret:"true" doc:"S3 secret key"`
	S3Bucket        string `env:"KYC_S3_BUCKET" envDefault:"kyc-documents" doc:"bucket of the documents (created at start)"`
	S3Region        string `env:"KYC_S3_REGION" envDefault:"us-east-1" doc:"S3 region"`
	S3UseSSL        bool   `env:"KYC_S3_USE_SSL" envDefault:"false" doc:"use https to reach S3"`
	S3MaxRetries    int    `env:"KYC_S3_MAX_RETRIES" envDefault:"2" doc:"retries of an S3 call on network errors (an unreachable S3 fails fast with 503)"`
	BlobDir         string `env:"KYC_BLOB_FS_DIR" envDefault:"data/blobs" doc:"directory of the fs store"`
	SpoolDir        string `env:"KYC_BLOB_SPOOL_DIR" doc:"where uploads of unknown size are sealed before storing, and REST uploads keep a spare copy when the 8 in-memory ones are in use (ciphertext only; default: the OS temp dir)"`
	BlobMasterKeys  string `env:"KYC_BLOB_MASTER_KEYS" secret:"true" doc:"document encryption keys, id:base64(32 bytes)[,older…]; the first encrypts, all decrypt (make run creates a development key)"`
	UploadMaxSize   int64  `env:"KYC_UPLOAD_MAX_BYTES" envDefault:"5242880" doc:"largest accepted document (413 above); the guide promises 5 MB"`
	UploadMaxPixels int64  `env:"KYC_UPLOAD_MAX_PIXELS" envDefault:"40000000" doc:"largest accepted image area, width x height from the header (400 above): what decoding it costs"`

	Mode       string        `env:"KYC_MODE" envDefault:"production" doc:"production or development; development allows http webhook endpoints (make run sets it)"`
	VerifyWait time.Duration `env:"KYC_VERIFY_WAIT" envDefault:"30s" doc:"how long POST /v1/kyc/verify waits for the outcome before answering with the current status"`

	Workers            bool          `env:"KYC_WORKERS" envDefault:"true" doc:"serve also works background jobs (false: run kyc-server worker processes instead)"`
	RecognitionWorkers int           `env:"KYC_RECOGNITION_WORKERS" envDefault:"2" doc:"sessions processed at once per process (OCR and face matching are CPU-bound: about the number of cores)"`
	WebhookWorkers     int           `env:"KYC_WEBHOOK_WORKERS" envDefault:"20" doc:"webhook deliveries in flight at once per process"`
	WebhookPerClient   int           `env:"KYC_WEBHOOK_WORKERS_PER_CLIENT" envDefault:"4" doc:"webhook deliveries of one client in flight at once per process (a slow endpoint holds no more of the shared workers)"`
	JobTimeout         time.Duration `env:"KYC_JOB_TIMEOUT" envDefault:"2m" doc:"a job running longer is cancelled and retried"`
	JobRescueAfter     time.Duration `env:"KYC_JOB_RESCUE_AFTER" envDefault:"5m" doc:"a job left running by a crashed process is run again after this (must exceed KYC_JOB_TIMEOUT)"`
	JobPollInterval    time.Duration `env:"KYC_JOB_POLL_INTERVAL" envDefault:"1s" doc:"how often workers look for jobs besides PostgreSQL notifications"`

	WebhookAllowedHosts string          `env:"KYC_WEBHOOK_ALLOWED_HOSTS" doc:"hosts or CIDRs webhook endpoints may use although private or loopback, e.g. 127.0.0.1 (comma-separated)"`
	WebhookRetry        []time.Duration `env:"KYC_WEBHOOK_RETRY_SCHEDULE" envDefault:"5s,5m,30m,2h,5h,10h,10h" envSeparator:"," doc:"delays between delivery attempts (±10% jitter); after the last, a delivery is failed (redeliverable)"`
	WebhookTimeout      time.Duration   `env:"KYC_WEBHOOK_TIMEOUT" envDefault:"10s" doc:"how long an endpoint has to answer a delivery"`

	WebhookBodyRetention time.Duration `env:"KYC_WEBHOOK_BODY_RETENTION" envDefault:"168h" doc:"how long the body of a delivered (or failed) webhook is kept; then it is erased and only its metadata (event, status, attempts, times) stays; 0 keeps bodies"`
	RetentionDays        int           `env:"KYC_RETENTION_DAYS" envDefault:"180" doc:"days after a session's decision (FACE_VERIFIED, VERIFIED, REJECTED, or its replacement by a newer session) when a background job deletes its document images; 0 keeps them until erased on request"`
	AbandonedDays        int           `env:"KYC_ABANDONED_DAYS" envDefault:"30" doc:"days without activity after which a session never sent to verification (PENDING or DOCUMENTS_UPLOADED) is erased like on request, its documents and personal data deleted, audited as abandoned; 0 keeps them"`
	OrphanSweepInterval  time.Duration `env:"KYC_ORPHAN_SWEEP_INTERVAL" envDefault:"24h" doc:"how often the document store is swept for objects no document refers to (left when storage failed during an upload's cleanup); objects of clients this database does not know are left alone; 0 never"`
	OrphanGrace          time.Duration `env:"KYC_ORPHAN_GRACE" envDefault:"1h" doc:"objects younger than this are never swept (an upload records its object within seconds of storing it)"`
	RetentionInterval    time.Duration `env:"KYC_RETENTION_INTERVAL" envDefault:"1h" doc:"how often the retention job looks for expired documents and abandoned sessions"`

	OCRWorkers     int           `env:"KYC_OCR_WORKERS" envDefault:"2" doc:"Tesseract clients (recognitions at once per process)"`
	OCRLanguages   string        `env:"KYC_OCR_LANGUAGES" envDefault:"eng" doc:"Tesseract languages, joined with + (eng+hin also reads Hindi labels, at about twice the cost)"`
	OCRTimeout     time.Duration `env:"KYC_OCR_TIMEOUT" envDefault:"15s" doc:"longest one Tesseract recognition may take (waiting for a client included)"`
	OCRCardBudget  time.Duration `env:"KYC_OCR_CARD_BUDGET" envDefault:"3s" doc:"after this much time on one card no further OCR pass starts"`
	AadhaarHashKey string        `env:"KYC_AADHAAR_HASH_KEY" secret:"true" doc:"optional key (>= 16 bytes) of a keyed hash of Aadhaar numbers for de-duplication; the number itself is never stored"`
	AadhaarQRCerts string        `env:"KYC_AADHAAR_QR_CERTS" doc:"extra certificates (PEM or DER files, comma-separated) trusted to sign Aadhaar Secure QR codes, besides the built-in UIDAI ones: add UIDAI's next certificate here without a rebuild"`

	FaceEngine      string  `env:"KYC_FACE_ENGINE" envDefault:"arcface" doc:"face matcher: arcface (default, chosen by make eval-face) or dlib"`
	FaceLiveness    string  `env:"KYC_LIVENESS_MODEL" envDefault:"fused" doc:"passive liveness model: fused (minifasnet-v2se and fr-liveness averaged), minifasnet-v2se, fr-liveness or none (none: every session goes to review)"`
	ModelsDir       string  `env:"KYC_MODELS_DIR" envDefault:".cache/models" doc:"face and liveness models (make face-models puts them here)"`
	OnnxRuntimeLib  string  `env:"KYC_ONNXRUNTIME_LIB" envDefault:".cache/lib/onnxruntime-1.24.1/libonnxruntime.so.1" doc:"ONNX runtime library (from npm onnxruntime-node@1.24.1, fetched by make)"`
	FaceWorkers     int     `env:"KYC_FACE_WORKERS" envDefault:"2" doc:"face detections/inferences at once per process"`
	FaceAutoApprove float64 `env:"KYC_FACE_AUTO_APPROVE" doc:"faceMatchScore at or above which a match is approved without review (default: the calibrated band)"`
	FaceReview      float64 `env:"KYC_FACE_REVIEW" doc:"faceMatchScore below which a pair is reported as a mismatch (default: the calibrated band)"`
	FaceMinLiveness float64 `env:"KYC_FACE_MIN_LIVENESS" doc:"livenessScore below which a selfie is flagged (default: calibrated per model)"`

	AdminKeyMaxAge      string        `env:"KYC_ADMIN_KEY_MAX_AGE" doc:"default expiry of admin keys made by kyc-server admin create/rotate-key without --expires-in, e.g. 90d or 720h (unset: keys do not expire)"`
	ConsoleSecureCookie bool          `env:"KYC_CONSOLE_SECURE_COOKIE" envDefault:"false" doc:"mark the reviewer console's cookie Secure although the server itself speaks plain HTTP (set it behind a TLS-terminating proxy); over TLS it is always Secure"`
	ConsoleIdleTimeout  time.Duration `env:"KYC_CONSOLE_IDLE_TIMEOUT" envDefault:"30m" doc:"a reviewer console sign-in unused this long ends"`
	ConsoleSignInLimit  int           `env:"KYC_CONSOLE_SIGN_IN_LIMIT" envDefault:"10" doc:"failed console sign-ins allowed per client address per 15 minutes (on all replicas together); then 429"`
}

// Development reports whether the server runs in development mode.
func (c Config) Development() bool { return c.Mode == "development" }

// ValidateServer adds what serving needs beyond the database (operator commands need only the database).
func (c Config) ValidateServer() error {
	var errs []error
	if err := c.Blob().Validate(); err != nil {
		errs = append(errs, fmt.Errorf("%w (set KYC_BLOB_STORE, KYC_S3_*, KYC_BLOB_MASTER_KEYS)", err))
	}
	if err := c.ImageLimits().Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.RateLimit().Validate(); err != nil {
		errs = append(errs, err)
	}
	if _, err := aadhaarqr.LoadTrustStore(c.AadhaarQRCerts); err != nil {
		errs = append(errs, fmt.Errorf("KYC_AADHAAR_QR_CERTS: %w", err))
	}
	return errors.Join(errs...)
}

// TrustedProxyRanges parses KYC_TRUSTED_PROXIES.
func (c Config) TrustedProxyRanges() ([]net.IPNet, error) {
	if strings.TrimSpace(c.TrustedProxies) == "" {
		return nil, nil
	}
	var parts []string
	for p := range strings.SplitSeq(c.TrustedProxies, ",") {
		parts = append(parts, strings.TrimSpace(p))
	}
	nets, err := realclientip.AddressesAndRangesToIPNets(parts...)
	if err != nil {
		return nil, fmt.Errorf("KYC_TRUSTED_PROXIES: %w", err)
	}
	return nets, nil
}

// Blob is the document storage configuration.
func (c Config) Blob() blob.Config {
	b := blob.DefaultConfig()
	b.Kind, b.FSDir, b.SpoolDir, b.MasterKeys = c.BlobStore, c.BlobDir, c.SpoolDir, c.BlobMasterKeys
	b.S3.Endpoint, b.S3.AccessKey, b.S3.SecretKey = c.S3Endpoint, c.S3AccessKey, c.S3SecretKey
	b.S3.Bucket, b.S3.Region, b.S3.UseSSL, b.S3.MaxRetries = c.S3Bucket, c.S3Region, c.S3UseSSL, c.S3MaxRetries
	return b
}

// ImageLimits are the upload limits: the configured size, the guide's dimensions.
func (c Config) ImageLimits() imagecheck.Limits {
	l := imagecheck.DefaultLimits()
	l.MaxBytes, l.MaxPixels = c.UploadMaxSize, c.UploadMaxPixels
	return l
}

// RateLimit is the request limiter's configuration.
func (c Config) RateLimit() ratelimit.Config {
	r := ratelimit.DefaultConfig()
	r.PerMinute, r.Store, r.RedisURL, r.Prefix = c.RateLimitPerMinute, c.RateLimitStore, c.RedisURL, c.RateLimitPrefix
	r.RedisTimeout, r.SettingsTTL = c.RedisTimeout, c.RateLimitSettingsTTL
	return r
}

// Load reads the environment, applies defaults and validates.
func Load() (Config, error) {
	var c Config
	if err := env.Parse(&c); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return c, c.Validate()
}

// Validate reports settings that cannot work, all at once.
func (c Config) Validate() error {
	var errs []error
	if c.HTTPAddr == "" || c.GRPCAddr == "" {
		errs = append(errs, errors.New("KYC_HTTP_ADDR and KYC_GRPC_ADDR must be set"))
	}
	if c.DatabaseURL == "" {
		errs = append(errs, errors.New("KYC_DATABASE_URL must be set"))
	}
	if c.DatabaseMaxConn < 2 {
		errs = append(errs, errors.New("KYC_DATABASE_MAX_CONNS must be at least 2"))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("KYC_LOG_LEVEL %q is not one of debug, info, warn, error", c.LogLevel))
	}
	switch c.LogFormat {
	case "json", "text":
	default:
		errs = append(errs, fmt.Errorf("KYC_LOG_FORMAT %q is not json or text", c.LogFormat))
	}
	if c.Mode != "production" && c.Mode != "development" {
		errs = append(errs, fmt.Errorf("KYC_MODE %q is not production or development", c.Mode))
	}
	if len(c.WebhookRetry) == 0 {
		errs = append(errs, errors.New("KYC_WEBHOOK_RETRY_SCHEDULE needs at least one delay"))
	}
	if c.JobRescueAfter <= c.JobTimeout {
		errs = append(errs, errors.New("KYC_JOB_RESCUE_AFTER must be longer than KYC_JOB_TIMEOUT"))
	}
	if c.RecognitionWorkers < 1 || c.WebhookWorkers < 1 || c.WebhookPerClient < 1 || c.OCRWorkers < 1 || c.FaceWorkers < 1 {
		errs = append(errs, errors.New("worker counts must be at least 1"))
	}
	if c.WebhookBodyRetention < 0 {
		errs = append(errs, errors.New("KYC_WEBHOOK_BODY_RETENTION must be at least 0 (0 keeps bodies)"))
	}
	if c.RetentionDays < 0 || c.AbandonedDays < 0 || c.RetentionInterval < time.Second {
		errs = append(errs, errors.New("KYC_RETENTION_DAYS and KYC_ABANDONED_DAYS must be at least 0 and KYC_RETENTION_INTERVAL at least 1s"))
	}
	if _, err := c.TrustedProxyRanges(); err != nil {
		errs = append(errs, err)
	}
	if c.OrphanSweepInterval < 0 || c.OrphanGrace < time.Second {
		errs = append(errs, errors.New("KYC_ORPHAN_SWEEP_INTERVAL must be at least 0 and KYC_ORPHAN_GRACE at least 1s"))
	}
	if c.AuthFailures < 1 || c.GRPCMaxStreams < 1 {
		errs = append(errs, errors.New("KYC_AUTH_FAILURES_PER_MINUTE and KYC_GRPC_MAX_STREAMS must be at least 1"))
	}
	if c.BodyGrace < 0 || c.MinBodyRate < 1 {
		errs = append(errs, errors.New("KYC_HTTP_BODY_GRACE must be at least 0 and KYC_HTTP_BODY_MIN_RATE at least 1"))
	}
	if c.MaxJSONBody < 1024 {
		errs = append(errs, errors.New("KYC_MAX_JSON_BODY_BYTES must be at least 1024"))
	}
	if c.AdminKeyMaxAge != "" {
		if _, err := ParseAge(c.AdminKeyMaxAge); err != nil {
			errs = append(errs, fmt.Errorf("KYC_ADMIN_KEY_MAX_AGE: %w", err))
		}
	}
	if c.ConsoleIdleTimeout < time.Minute || c.ConsoleSignInLimit < 1 {
		errs = append(errs, errors.New("KYC_CONSOLE_IDLE_TIMEOUT must be at least 1m and KYC_CONSOLE_SIGN_IN_LIMIT at least 1"))
	}
	return errors.Join(errs...)
}
