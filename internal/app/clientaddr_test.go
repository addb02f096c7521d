package app_test

import (
	"net/url"
	"testing"

	"google.golang.org/grpc/metadata"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestAuditAddressBehindTrustedProxy: with KYC_TRUSTED_PROXIES naming the proxy a request came through (here
// loopback), the audit log records the client from X-Forwarded-For, over REST and gRPC alike: the rightmost
// entry that is not a proxy, never one the client wrote left of it. Without the setting the connection's
// address is recorded whatever the header says.
func TestAuditAddressBehindTrustedProxy(t *testing.T) {
	for _, tc := range []struct {
		name, proxies, wantREST, wantGRPC string
	}{
		{"behind a trusted proxy", "127.0.0.1/32, 10.0.0.0/8", "203.0.113.9", "203.0.113.77"},
		{"no trusted proxies", "", "127.0.0.1", "127.0.0.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := testserver.Start(t, testserver.WithConfig(func(c *config.Config) {
				c.Mode, c.WebhookAllowedHosts, c.TrustedProxies = "production", "", tc.proxies
			}))
			clientID, key := srv.NewClient(t, "proxied")
			_, admin := srv.NewAdmin(t, "auditor")

			// A forged entry (198.51.100.1), then the client as the (trusted) proxy saw it.
			if code, _, raw := do(t, "PUT", srv.BaseURL+"/v1/webhooks", key, `{"url":"https://hooks.example.com/kyc"}`,
				map[string]string{"X-Forwarded-For": "198.51.100.1, 203.0.113.9"}); code != 200 {
				t.Fatalf("PUT webhook: %d %s", code, raw)
			}
			ctx := metadata.AppendToOutgoingContext(withKey(key), "x-forwarded-for", "198.51.100.1, 203.0.113.77, 10.2.3.4")
			if _, err := kycv1.NewWebhookServiceClient(srv.Dial(t)).PutWebhook(ctx,
				&kycv1.PutWebhookRequest{Url: "https://hooks.example.com/kyc2"}); err != nil {
				t.Fatalf("gRPC PutWebhook: %v", err)
			}

			entries := auditEntries(t, srv, admin, url.Values{"action": {"webhook.configured"}, "clientId": {clientID}})
			if len(entries) != 2 {
				t.Fatalf("audit entries: %v", entries)
			}
			// Newest first: the gRPC call, then the REST one.
			if entries[0]["ip"] != tc.wantGRPC || entries[1]["ip"] != tc.wantREST {
				t.Errorf("audited addresses gRPC %v, REST %v; want %s, %s", entries[0]["ip"], entries[1]["ip"], tc.wantGRPC, tc.wantREST)
			}
		})
	}
}
