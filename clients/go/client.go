package kyc

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/experimental"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/metadata"

	"github.com/enxtai/kyc/clients/go/kycv1"
)

// APIKeyEnv is the environment variable the API key is read from when WithAPIKey is not given (the guide's
// advice: keep keys out of code).
const APIKeyEnv = "ENXTAI_API_KEY"

// ChunkSize is the size of each upload message: the server's limit of 64 KiB.
const ChunkSize = 64 * 1024

// Client calls the KYC API over one gRPC connection. It is safe for concurrent use; Close it when done.
type Client struct {
	conn    *grpc.ClientConn
	stub    kycv1.KycServiceClient
	apiKey  string
	retry   RetryPolicy
	timeout time.Duration
}

// Option configures a Client.
type Option func(*settings)

type settings struct {
	apiKey   string
	tls      *bool
	retry    RetryPolicy
	timeout  time.Duration
	dialOpts []grpc.DialOption
}

// WithAPIKey sets the API key (default: $ENXTAI_API_KEY).
func WithAPIKey(key string) Option { return func(s *settings) { s.apiKey = key } }

// WithTLS forces TLS on (true) or off (false); by default an http:// address or a loopback host is plaintext
// and everything else is TLS.
func WithTLS(on bool) Option { return func(s *settings) { s.tls = &on } }

// WithRetryPolicy replaces the retry policy; RetryPolicy{MaxAttempts: 1} disables retries.
func WithRetryPolicy(p RetryPolicy) Option { return func(s *settings) { s.retry = p } }

// WithDefaultTimeout bounds each call (retries included) that has no deadline of its own. Zero: no bound.
func WithDefaultTimeout(d time.Duration) Option { return func(s *settings) { s.timeout = d } }

// WithDialOptions adds gRPC dial options (interceptors, keepalive, a custom dialer).
func WithDialOptions(o ...grpc.DialOption) Option {
	return func(s *settings) { s.dialOpts = append(s.dialOpts, o...) }
}

// New connects to the API's gRPC address: "host:port", "http://host:port" (plaintext) or "https://host[:port]".
// The connection is made lazily, on the first call.
func New(address string, opts ...Option) (*Client, error) {
	s := settings{apiKey: os.Getenv(APIKeyEnv), retry: DefaultRetryPolicy(), timeout: 60 * time.Second}
	for _, o := range opts {
		o(&s)
	}
	if s.apiKey == "" {
		return nil, errors.New("kyc: no API key: pass WithAPIKey or set " + APIKeyEnv)
	}
	if s.retry.MaxAttempts < 1 {
		s.retry.MaxAttempts = 1
	}
	target, useTLS, err := parseAddress(address)
	if err != nil {
		return nil, err
	}
	if s.tls != nil {
		useTLS = *s.tls
	}
	creds := insecure.NewCredentials()
	if useTLS {
		creds = credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12})
	}
	dial := append([]grpc.DialOption{grpc.WithTransportCredentials(creds), experimental.WithBufferPool(chunkBuffers)},
		s.dialOpts...)
	conn, err := grpc.NewClient(target, dial...)
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn, stub: kycv1.NewKycServiceClient(conn), apiKey: s.apiKey, retry: s.retry,
		timeout: s.timeout}, nil
}

// chunkBuffers is gRPC's default buffer pool plus a tier for upload chunks: a 64 KiB chunk message is a few
// bytes over 64 KiB, which the default tiers (…, 32 KiB, 1 MiB) serve with a 1 MiB buffer cleared for every
// chunk.
var chunkBuffers = mem.NewTieredBufferPool(256, 4<<10, 16<<10, 32<<10, 64<<10+1<<10, 1<<20)

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// Stub is the generated client on the same connection, for calls this package does not wrap. Add the API key
// to the context yourself (metadata "x-api-key").
func (c *Client) Stub() kycv1.KycServiceClient { return c.stub }

func parseAddress(address string) (target string, useTLS bool, err error) {
	switch {
	case strings.HasPrefix(address, "http://"), strings.HasPrefix(address, "https://"):
		u, err := url.Parse(address)
		if err != nil {
			return "", false, err
		}
		host := u.Host
		if u.Port() == "" && u.Scheme == "https" {
			host = net.JoinHostPort(u.Hostname(), "443")
		}
		return host, u.Scheme == "https", nil
	case address == "":
		return "", false, errors.New("kyc: empty address")
	}
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return "", false, err
	}
	return address, !isLoopback(host), nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CallOption adjusts one call.
type CallOption func(*callSettings)

type callSettings struct {
	timeout        time.Duration
	idempotencyKey string
	maxAttempts    int
}

// WithTimeout bounds this call, retries and their waits included; a negative d lifts the client's default.
func WithTimeout(d time.Duration) CallOption { return func(s *callSettings) { s.timeout = d } }

// WithIdempotencyKey sets InitiateKyc's Idempotency-Key (by default each Initiate call makes its own, so its
// retries never open a second session).
func WithIdempotencyKey(k string) CallOption { return func(s *callSettings) { s.idempotencyKey = k } }

// WithMaxAttempts overrides the policy's attempts for this call; 1 disables retries.
func WithMaxAttempts(n int) CallOption { return func(s *callSettings) { s.maxAttempts = n } }

// begin applies the call's options: the context with deadline and API key, and the retry policy.
func (c *Client) begin(ctx context.Context, opts []CallOption) (context.Context, context.CancelFunc, callSettings, RetryPolicy) {
	var cs callSettings
	for _, o := range opts {
		o(&cs)
	}
	p := c.retry
	if cs.maxAttempts > 0 {
		p.MaxAttempts = cs.maxAttempts
	}
	cancel := context.CancelFunc(func() {})
	switch _, has := ctx.Deadline(); {
	case cs.timeout > 0:
		ctx, cancel = context.WithTimeout(ctx, cs.timeout)
	case cs.timeout == 0 && !has && c.timeout > 0:
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
	}
	return metadata.AppendToOutgoingContext(ctx, "x-api-key", c.apiKey), cancel, cs, p
}
