package kyc_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	kyc "github.com/enxtai/kyc/clients/go"
)

// testEnv is the real server internal/testkit/cmd/testenv started for this run (make test-sdk-go).
type testEnv struct {
	grpcAddr, baseURL, apiKey, docs, serverBin, databaseURL string
}

func liveEnv(t *testing.T) testEnv {
	t.Helper()
	e := testEnv{grpcAddr: os.Getenv("KYC_GRPC_ADDR"), baseURL: os.Getenv("KYC_BASE_URL"),
		apiKey: os.Getenv("ENXTAI_API_KEY"), docs: os.Getenv("KYC_TEST_DOCS"),
		serverBin: os.Getenv("KYC_SERVER_BIN"), databaseURL: os.Getenv("KYC_DATABASE_URL")}
	if e.grpcAddr == "" || e.apiKey == "" || e.docs == "" {
		t.Skip("no test server: run under internal/testkit/cmd/testenv (make test-sdk-go)")
	}
	return e
}

func (e testEnv) doc(name string) string { return filepath.Join(e.docs, name) }

// fastRetries keeps fault tests short: the same policy, smaller waits.
func fastRetries() kyc.RetryPolicy {
	p := kyc.DefaultRetryPolicy()
	p.InitialBackoff, p.MaxBackoff, p.MaxAttempts = 100*time.Millisecond, time.Second, 6
	return p
}

func (e testEnv) client(t *testing.T, opts ...kyc.Option) *kyc.Client {
	t.Helper()
	c, err := kyc.New(e.grpcAddr, append([]kyc.Option{kyc.WithAPIKey(e.apiKey)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// newKey creates another client (tenant) with `kyc-server client create`, as an operator does: its own rate
// budget and webhook settings.
func (e testEnv) newKey(t *testing.T) string {
	t.Helper()
	if e.serverBin == "" {
		t.Skip("KYC_SERVER_BIN not set")
	}
	cmd := exec.Command(e.serverBin, "client", "create", "--name", "go-sdk-"+t.Name())
	cmd.Env = append(os.Environ(), "KYC_DATABASE_URL="+e.databaseURL, "KYC_LOG_FORMAT=text")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("client create: %v", err)
	}
	var c struct{ APIKey string }
	if err := json.Unmarshal(out, &c); err != nil || c.APIKey == "" {
		t.Fatalf("client create printed %q: %v", out, err)
	}
	return c.APIKey
}

// rest sends a JSON request to the REST API (for what the SDK does not wrap, e.g. webhook settings).
func (e testEnv) rest(t *testing.T, key, method, path string, body any) (int, http.Header, []byte) {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, e.baseURL+path, rd)
	req.Header.Set("X-API-Key", key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	return resp.StatusCode, resp.Header, buf.Bytes()
}

// pipelinePresent: VerifyKyc answers UNIMPLEMENTED until the verification pipeline (issue 6) is in.
func pipelinePresent(t *testing.T, c *kyc.Client) bool {
	_, err := c.Verify(context.Background(), uuid4())
	return !errors.Is(err, kyc.ErrUnimplemented)
}

func uuid4() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	h := hex.EncodeToString(b)
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[:8], h[8:12], h[12:16], h[16:20], h[20:])
}

func userID(t *testing.T) string {
	return "go-" + strings.NewReplacer("/", "-", " ", "-").Replace(t.Name()) + "-" + uuid4()[:8]
}

// uploadAll sends the four documents of the test set for user.
func uploadAll(t *testing.T, ctx context.Context, c *kyc.Client, e testEnv, user string) {
	t.Helper()
	if _, err := c.UploadPAN(ctx, user, kyc.File(e.doc("pan.jpg"))); err != nil {
		t.Fatalf("pan: %v", err)
	}
	if _, err := c.UploadAadhaarFront(ctx, user, kyc.File(e.doc("aadhaar-front.jpg"))); err != nil {
		t.Fatalf("aadhaar front: %v", err)
	}
	if _, err := c.UploadAadhaarBack(ctx, user, kyc.File(e.doc("aadhaar-back.jpg"))); err != nil {
		t.Fatalf("aadhaar back: %v", err)
	}
	if _, err := c.UploadLivePhoto(ctx, user, kyc.File(e.doc("live-photo.jpg"))); err != nil {
		t.Fatalf("live photo: %v", err)
	}
}
