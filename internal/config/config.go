package config

import (
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/caarlos0/env/v11"
)

// Config is every setting of kyc-server. Each field is an environment variable with a default; the `doc` tag is
// the README's description.
type Config struct {
	HTTPAddr        string        `env:"KYC_HTTP_ADDR" envDefault:":8080" doc:"REST gateway, OpenAPI, Swagger UI, /healthz and /metrics"`
	GRPCAddr        string        `env:"KYC_GRPC_ADDR" envDefault:":9090" doc:"gRPC API (KycService and the others, health, reflection)"`
	DatabaseURL     string        `env:"KYC_DATABASE_URL" envDefault:"postgres://postgres@127.0.0.1:5432/kyc?sslmode=disable" doc:"PostgreSQL connection URL"`
	DatabaseMaxConn int32         `env:"KYC_DATABASE_MAX_CONNS" envDefault:"16" doc:"size of the PostgreSQL connection pool"`
	LogLevel        string        `env:"KYC_LOG_LEVEL" envDefault:"info" doc:"debug, info, warn or error"`
	LogFormat       string        `env:"KYC_LOG_FORMAT" envDefault:"json" doc:"json or text"`
	ShutdownTimeout time.Duration `env:"KYC_SHUTDOWN_TIMEOUT" envDefault:"20s" doc:"how long SIGTERM waits for in-flight calls"`
	MaxJSONBody     int64         `env:"KYC_MAX_JSON_BODY_BYTES" envDefault:"65536" doc:"largest accepted JSON request body (413 above)"`
	AuthCacheTTL    time.Duration `env:"KYC_AUTH_CACHE_TTL" envDefault:"10s" doc:"how long a verified API key is trusted without asking the database (revocation takes effect within it)"`
	IdempotencyTTL  time.Duration `env:"KYC_IDEMPOTENCY_TTL" envDefault:"24h" doc:"how long an Idempotency-Key of initiate is remembered"`
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
	if c.MaxJSONBody < 1024 {
		errs = append(errs, errors.New("KYC_MAX_JSON_BODY_BYTES must be at least 1024"))
	}
	return errors.Join(errs...)
}

// decodeKey reads a base64 (standard or URL alphabet) 32-byte key.
func decodeKey(name, s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			if len(b) != 32 {
				return nil, fmt.Errorf("%s must be 32 bytes, base64-encoded (got %d bytes)", name, len(b))
			}
			return b, nil
		}
	}
	return nil, fmt.Errorf("%s is not valid base64", name)
}
