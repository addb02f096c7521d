package app_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/ratelimit"
	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// observed is one answer as a client sees it: the outcome and the rate limit headers (REST) or response header
// metadata (gRPC), by lower-case name.
type observed struct {
	transport string
	http      int        // REST status
	code      codes.Code // gRPC code
	message   string     // error message (REST: from the guide's body, which is checked)
	headers   map[string]string
	sessionID string // initiate's answer
}

func (o observed) refused() bool {
	if o.transport == "rest" {
		return o.http == http.StatusTooManyRequests
	}
	return o.code == codes.ResourceExhausted
}

func (o observed) num(t *testing.T, name string) int64 {
	t.Helper()
	v, err := strconv.ParseInt(o.headers[name], 10, 64)
	if err != nil {
		t.Fatalf("%s answer: header %s = %q: %v", o.transport, name, o.headers[name], err)
	}
	return v
}

// limitedAPI calls the API over one transport.
type limitedAPI struct {
	srv       *testserver.Server
	transport string // rest or grpc
	conn      *grpc.ClientConn
}

func (a limitedAPI) initiate(t *testing.T, key, user string) observed {
	if a.transport == "rest" {
		return a.rest(t, "POST", "/v1/kyc/initiate", key, `{"externalUserId":"`+user+`"}`)
	}
	var md metadata.MD
	resp, err := kycv1.NewKycServiceClient(a.conn).InitiateKyc(withKey(key), &kycv1.InitiateKycRequest{ExternalUserId: user}, grpc.Header(&md))
	o := a.grpcObserved(t, md, err)
	o.sessionID = resp.GetKycSessionId()
	return o
}

func (a limitedAPI) status(t *testing.T, key, sid string) observed {
	if a.transport == "rest" {
		return a.rest(t, "GET", "/v1/kyc/status/"+sid, key, "")
	}
	var md metadata.MD
	_, err := kycv1.NewKycServiceClient(a.conn).GetKycStatus(withKey(key), &kycv1.GetKycStatusRequest{KycSessionId: sid}, grpc.Header(&md))
	return a.grpcObserved(t, md, err)
}

func (a limitedAPI) rest(t *testing.T, method, path, key, body string) observed {
	t.Helper()
	req, _ := http.NewRequest(method, a.srv.BaseURL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", key)
	return restObserved(t, req)
}

func restObserved(t *testing.T, req *http.Request) observed {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	o := observed{transport: "rest", http: resp.StatusCode, headers: map[string]string{}}
	for _, h := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"} {
		if v := resp.Header.Get(h); v != "" {
			o.headers[strings.ToLower(h)] = v
		}
	}
	if resp.StatusCode >= 300 {
		o.message = checkErrorBody(t, resp.StatusCode, raw)
	} else if out := decodeMaybe(raw); out != nil {
		o.sessionID, _ = out["kycSessionId"].(string)
	}
	return o
}

func (a limitedAPI) grpcObserved(t *testing.T, md metadata.MD, err error) observed {
	t.Helper()
	st := status.Convert(err)
	o := observed{transport: "grpc", code: st.Code(), message: st.Message(), headers: map[string]string{}}
	for k, v := range md {
		if len(v) > 0 {
			o.headers[k] = v[0]
		}
	}
	if st.Code() == codes.ResourceExhausted && len(st.Details()) > 0 {
		t.Fatalf("rate limit status carries details %v (an ErrorInfo would make it a 413)", st.Details())
	}
	return o
}

// checkBudget asserts the rate limit headers of an answer: limit, what remains, the window's reset.
func checkBudget(t *testing.T, i int, o observed, limit, remaining int64, reset int64) {
	t.Helper()
	if o.num(t, ratelimit.HeaderLimit) != limit || o.num(t, ratelimit.HeaderRemaining) != remaining || o.num(t, ratelimit.HeaderReset) != reset {
		t.Fatalf("request %d over %s: headers %v, want limit %d, remaining %d, reset %d", i, o.transport, o.headers, limit, remaining, reset)
	}
}

// checkRefused asserts a 429 / RESOURCE_EXHAUSTED with the guide's body and a Retry-After that ends at Reset.
func checkRefused(t *testing.T, o observed, limit, reset int64) {
	t.Helper()
	if !o.refused() {
		t.Fatalf("%s answer %d/%v, want 429 / RESOURCE_EXHAUSTED", o.transport, o.http, o.code)
	}
	checkBudget(t, -1, o, limit, 0, reset)
	retry := o.num(t, ratelimit.HeaderRetryAfter)
	if now := time.Now().Unix(); retry < 1 || now+retry < reset-1 || now+retry > reset+1 {
		t.Fatalf("Retry-After %d s at %d, want it to end at the reset %d", retry, now, reset)
	}
	if !strings.Contains(o.message, "Rate limit exceeded: "+strconv.FormatInt(limit, 10)+" requests per minute") {
		t.Fatalf("message %q", o.message)
	}
}

func limitedServer(t *testing.T, perMinute int) *testserver.Server {
	return testserver.Start(t, testserver.WithConfig(func(c *config.Config) {
		c.RateLimitPerMinute = perMinute
		c.RateLimitSettingsTTL = 200 * time.Millisecond
	}))
}

// TestRateLimitBothTransports: 100 requests a minute per key on both transports (and on both at once: one
// budget per key), each answer carrying the budget; the 101st is refused with Retry-After and the guide's body.
func TestRateLimitBothTransports(t *testing.T) {
	srv := limitedServer(t, 100)
	conn := srv.Dial(t)
	rest, rpc := limitedAPI{srv, "rest", conn}, limitedAPI{srv, "grpc", conn}
	for _, tc := range []struct {
		name string
		apis []limitedAPI // request i goes over apis[i % len]
	}{
		{"rest", []limitedAPI{rest}},
		{"grpc", []limitedAPI{rpc}},
		{"alternating", []limitedAPI{rest, rpc}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, key := srv.NewClient(t, tc.name)
			start := time.Now().Unix()
			first := tc.apis[0].initiate(t, key, "user-"+tc.name)
			if first.sessionID == "" {
				t.Fatalf("initiate: %+v", first)
			}
			reset := first.num(t, ratelimit.HeaderReset)
			if reset < start+59 || reset > start+62 {
				t.Fatalf("reset %d, want about a minute after %d", reset, start)
			}
			checkBudget(t, 1, first, 100, 99, reset)
			for i := 2; i <= 100; i++ {
				o := tc.apis[i%len(tc.apis)].status(t, key, first.sessionID)
				if o.http >= 300 || o.code != codes.OK {
					t.Fatalf("request %d over %s: %d/%v %s", i, o.transport, o.http, o.code, o.message)
				}
				checkBudget(t, i, o, 100, int64(100-i), reset)
			}
			for _, api := range tc.apis { // the 101st, and any further, over every transport and endpoint
				checkRefused(t, api.status(t, key, first.sessionID), 100, reset)
				checkRefused(t, api.initiate(t, key, "refused-"+tc.name), 100, reset)
			}
			var sessions int
			if err := srv.Store().Pool().QueryRow(context.Background(),
				"SELECT count(*) FROM kyc_sessions WHERE external_user_id = $1", "refused-"+tc.name).Scan(&sessions); err != nil || sessions != 0 {
				t.Fatalf("a refused initiate created %d sessions (%v)", sessions, err)
			}
		})
	}
}

// Errors after the limiter (404, 400) carry the budget too; calls refused by auth carry none and cost nothing.
func TestRateLimitHeadersOnErrors(t *testing.T) {
	srv := limitedServer(t, 100)
	_, key := srv.NewClient(t, "errors")
	api := limitedAPI{srv: srv, transport: "rest"}
	notFound := api.status(t, key, uuid.NewString())
	if notFound.http != 404 {
		t.Fatalf("unknown session: %d", notFound.http)
	}
	reset := notFound.num(t, ratelimit.HeaderReset)
	checkBudget(t, 1, notFound, 100, 99, reset)
	invalid := api.rest(t, "POST", "/v1/kyc/initiate", key, `{"externalUserId":""}`)
	if invalid.http != 400 {
		t.Fatalf("invalid initiate: %d", invalid.http)
	}
	checkBudget(t, 2, invalid, 100, 98, reset)
	for _, k := range []string{"", "kyc_live_notarealkey"} {
		o := api.status(t, k, uuid.NewString())
		if o.http != 401 || len(o.headers) != 0 {
			t.Fatalf("key %q: %d with rate limit headers %v, want 401 without", k, o.http, o.headers)
		}
	}
	resp, err := http.Get(srv.BaseURL + "/v1/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("X-RateLimit-Limit") != "" {
		t.Fatalf("health: %d, limit header %q: public calls are not limited", resp.StatusCode, resp.Header.Get("X-RateLimit-Limit"))
	}
	checkBudget(t, 3, api.status(t, key, uuid.NewString()), 100, 97, reset)
}

// The multipart routes and the upload stream: budget on success, on a refused file, and a 429 with Retry-After
// when the budget is spent (nothing stored).
func TestRateLimitUploads(t *testing.T) {
	srv := limitedServer(t, 100)
	clientID, key := srv.NewClient(t, "uploads")
	if err := ratelimit.SetClientLimit(context.Background(), srv.Store(), uuid.MustParse(clientID), 3); err != nil {
		t.Fatal(err)
	}
	api := limitedAPI{srv: srv, transport: "rest"}
	init := api.initiate(t, key, "uploader")
	reset := init.num(t, ratelimit.HeaderReset)
	good := images.JPEG(640, 480, 80, 1)
	ok := uploadObserved(t, srv, key, "uploader", good)
	if ok.http != 200 {
		t.Fatalf("upload: %d %s", ok.http, ok.message)
	}
	checkBudget(t, 2, ok, 3, 1, reset)
	gif := uploadObserved(t, srv, key, "uploader", images.GIF)
	if gif.http != 400 {
		t.Fatalf("GIF upload: %d", gif.http)
	}
	checkBudget(t, 3, gif, 3, 0, reset)
	checkRefused(t, uploadObserved(t, srv, key, "uploader", good), 3, reset)

	var md metadata.MD
	stream, err := kycv1.NewKycServiceClient(srv.Dial(t)).UploadDocument(withKey(key), grpc.Header(&md))
	if err != nil {
		t.Fatal(err)
	}
	_ = stream.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: grpcMeta(pan, "uploader")}})
	_, err = stream.CloseAndRecv()
	checkRefused(t, limitedAPI{transport: "grpc"}.grpcObserved(t, md, err), 3, reset)
	if n := countDocuments(t, srv); n != 1 {
		t.Fatalf("%d documents stored, want only the first upload's", n)
	}
}

func uploadObserved(t *testing.T, srv *testserver.Server, key, user string, data []byte) observed {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("externalUserId", user)
	w, _ := mw.CreateFormFile("file", "pan.jpg")
	_, _ = w.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", srv.BaseURL+docPaths[pan], &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-API-Key", key)
	return restObserved(t, req)
}

// A client's override (clients.settings) replaces the default for its key, other clients keep the default,
// and a change reaches the server within the settings cache TTL.
func TestRateLimitClientOverride(t *testing.T) {
	srv := limitedServer(t, 100)
	ctx := context.Background()
	limitedID, limitedKey := srv.NewClient(t, "limited")
	_, plainKey := srv.NewClient(t, "plain")
	if err := ratelimit.SetClientLimit(ctx, srv.Store(), uuid.MustParse(limitedID), 3); err != nil {
		t.Fatal(err)
	}
	api := limitedAPI{srv: srv, transport: "rest"}
	var reset int64
	for i := 1; i <= 3; i++ {
		o := api.status(t, limitedKey, uuid.NewString())
		if i == 1 {
			reset = o.num(t, ratelimit.HeaderReset)
		}
		checkBudget(t, i, o, 3, int64(3-i), reset)
	}
	checkRefused(t, api.status(t, limitedKey, uuid.NewString()), 3, reset)
	if o := api.status(t, plainKey, uuid.NewString()); o.num(t, ratelimit.HeaderLimit) != 100 {
		t.Fatalf("client without override: %v", o.headers)
	}

	// Raised to 6: 4 requests counted so far (the refused one too), so two more pass.
	if err := ratelimit.SetClientLimit(ctx, srv.Store(), uuid.MustParse(limitedID), 6); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // the settings TTL of limitedServer
	checkBudget(t, 5, api.status(t, limitedKey, uuid.NewString()), 6, 1, reset)
	checkBudget(t, 6, api.status(t, limitedKey, uuid.NewString()), 6, 0, reset)
	checkRefused(t, api.status(t, limitedKey, uuid.NewString()), 6, reset)
}

// A stream (WatchKycStatus) is one request and its response header carries the budget.
func TestRateLimitStreams(t *testing.T) {
	srv := limitedServer(t, 100)
	_, key := srv.NewClient(t, "watcher")
	rpc := limitedAPI{srv: srv, transport: "grpc", conn: srv.Dial(t)}
	init := rpc.initiate(t, key, "watched")
	ctx, cancel := context.WithCancel(withKey(key))
	defer cancel()
	stream, err := kycv1.NewKycServiceClient(rpc.conn).WatchKycStatus(ctx, &kycv1.WatchKycStatusRequest{KycSessionId: init.sessionID})
	if err != nil {
		t.Fatal(err)
	}
	md, err := stream.Header()
	if err != nil {
		t.Fatal(err)
	}
	o := rpc.grpcObserved(t, md, nil)
	checkBudget(t, 2, o, 100, 98, init.num(t, ratelimit.HeaderReset))
}

// With Redis unreachable the server starts, says so in its log, and still limits (per process): no request is
// refused because of the outage.
func TestRateLimitWithoutRedis(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := closed.Addr().String()
	closed.Close()
	srv := testserver.Start(t, testserver.WithConfig(func(c *config.Config) {
		c.RateLimitPerMinute, c.RedisURL = 3, "redis://"+addr+"/0"
	}))
	_, key := srv.NewClient(t, "no redis")
	api := limitedAPI{srv: srv, transport: "rest"}
	first := api.status(t, key, uuid.NewString())
	reset := first.num(t, ratelimit.HeaderReset)
	checkBudget(t, 1, first, 3, 2, reset)
	checkBudget(t, 2, api.status(t, key, uuid.NewString()), 3, 1, reset)
	checkBudget(t, 3, api.status(t, key, uuid.NewString()), 3, 0, reset)
	checkRefused(t, api.status(t, key, uuid.NewString()), 3, reset)
	if !strings.Contains(srv.Logs.String(), "rate limit store unreachable") {
		t.Fatal("the Redis outage was not logged")
	}
}
