package app_test

import (
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestStatusCacheAcrossReplicas: a status read served from one replica's cache reflects a change made through
// another replica at once (heard through PostgreSQL notifications), not after the cache's TTL (an hour here).
func TestStatusCacheAcrossReplicas(t *testing.T) {
	longCache := testserver.WithConfig(func(c *config.Config) { c.SessionCacheTTL = time.Hour })
	a := testserver.Start(t, longCache)
	b := testserver.Start(t, testserver.ReplicaOf(a), longCache)
	_, key := a.NewClient(t, "acme")
	id := postJSON(t, a.BaseURL+"/v1/kyc/initiate", key, `{"externalUserId":"cached"}`, nil)["kycSessionId"].(string)
	_, before, _ := do(t, "GET", a.BaseURL+"/v1/kyc/status/"+id, key, "", nil) // now cached on A
	// Replica B changes the session: a new initiate for the user supersedes it (its updatedAt moves).
	postJSON(t, b.BaseURL+"/v1/kyc/initiate", key, `{"externalUserId":"cached"}`, nil)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, st, _ := do(t, "GET", a.BaseURL+"/v1/kyc/status/"+id, key, "", nil)
		if st["updatedAt"] != before["updatedAt"] {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica A kept serving the cached session %v after replica B changed it", st)
		}
	}
}
