package app_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/ratelimit"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestAccessChangesReachEveryReplica: with caches that would keep a key and a client's limit for an hour, a
// revocation and a rate-limit change made on replica A take effect on replica B within a second (heard over
// PostgreSQL notifications), and a stream open on B with the revoked key ends Unauthenticated at its next
// re-check.
func TestAccessChangesReachEveryReplica(t *testing.T) {
	longCaches := testserver.WithConfig(func(c *config.Config) {
		c.AuthCacheTTL, c.RateLimitSettingsTTL, c.StreamKeyRecheck = time.Hour, time.Hour, 500*time.Millisecond
	})
	a := testserver.Start(t, longCaches)
	b := testserver.Start(t, testserver.ReplicaOf(a), longCaches)
	clientID, key := a.NewClient(t, "acme")
	sid := postJSON(t, b.BaseURL+"/v1/kyc/initiate", key, `{"externalUserId":"revoked-later"}`, nil)["kycSessionId"].(string)

	t.Run("rate limit", func(t *testing.T) {
		limitOn := func() string {
			req, _ := http.NewRequest("GET", b.BaseURL+"/v1/kyc/status/"+sid, nil)
			req.Header.Set("X-API-Key", key)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.Header.Get(ratelimit.HeaderLimit)
		}
		if got := limitOn(); got != "1000000" { // B has cached the default for this client
			t.Fatalf("limit before the change: %q", got)
		}
		if err := ratelimit.SetClientLimit(context.Background(), a.Store(), uuid.MustParse(clientID), 5000); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, time.Second, "replica B applies the new limit", func() bool { return limitOn() == strconv.Itoa(5000) })
	})

	t.Run("revocation", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(withKey(key), 30*time.Second)
		defer cancel()
		stream, err := kycv1.NewKycServiceClient(b.Dial(t)).WatchKycStatus(ctx, &kycv1.WatchKycStatusRequest{KycSessionId: sid})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := stream.Recv(); err != nil { // the current state: the stream is open
			t.Fatal(err)
		}
		if code, _, raw := do(t, "GET", b.BaseURL+"/v1/kyc/status/"+sid, key, "", nil); code != 200 {
			t.Fatalf("before revocation: %d %s", code, raw)
		}
		k, err := a.Store().KeyByHash(context.Background(), auth.Hash(key))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := apikeys.RevokeKey(context.Background(), a.Store(), audit.Operator(), uuid.MustParse(clientID), k.ID); err != nil {
			t.Fatal(err)
		}
		revoked := time.Now()
		waitUntil(t, time.Second, "replica B refuses the revoked key", func() bool {
			code, _, _ := do(t, "GET", b.BaseURL+"/v1/kyc/status/"+sid, key, "", nil)
			return code == http.StatusUnauthorized
		})
		for {
			_, err := stream.Recv()
			if err == nil {
				continue
			}
			if status.Code(err) != codes.Unauthenticated {
				t.Fatalf("the open stream ended with %v, want Unauthenticated", err)
			}
			if d := time.Since(revoked); d > 2*time.Second {
				t.Fatalf("the open stream ended %v after the revocation, want within its re-check (0.5 s)", d)
			}
			return
		}
	})
}
