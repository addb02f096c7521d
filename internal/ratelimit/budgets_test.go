package ratelimit_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/ratelimit"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
	"github.com/enxtai/kyc/internal/testkit/provision"
)

// A client's override in clients.settings replaces the default for its keys, is cached for the TTL, keeps the
// client's other settings, and can be removed again.
func TestClientOverride(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, pgtest.NewDatabase(t), 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	limited, err := provision.CreateClient(ctx, st, "limited")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := provision.CreateClient(ctx, st, "plain")
	if err != nil {
		t.Fatal(err)
	}
	bands := &store.FaceBands{AutoApprove: 0.9, Review: 0.5, MinLiveness: 0.3}
	if err := st.SetClientSettings(ctx, limited.OwnerID, store.ClientSettings{FaceBands: bands}); err != nil {
		t.Fatal(err)
	}
	if err := ratelimit.SetClientLimit(ctx, st, limited.OwnerID, 3); err != nil {
		t.Fatal(err)
	}
	if s, _ := st.GetClientSettings(ctx, limited.OwnerID); s.FaceBands == nil || *s.FaceBands != *bands {
		t.Fatalf("setting the limit lost the face bands: %+v", s)
	}

	cfg := testConfig(ratelimit.StoreMemory, 100, time.Minute)
	cfg.SettingsTTL = 300 * time.Millisecond
	l := newLimiter(t, cfg, st, nil)
	principal := func(i auth.Issued) auth.Principal {
		return auth.Principal{KeyID: i.KeyID, Role: auth.RoleClient, ClientID: i.OwnerID, Environment: "live"}
	}
	if d := take(t, l, principal(limited)); d.Limit != 3 || d.Remaining != 2 {
		t.Fatalf("overridden client: %+v, want 2 of 3 left", d)
	}
	if d := take(t, l, principal(plain)); d.Limit != 100 {
		t.Fatalf("client without override: limit %d, want the default 100", d.Limit)
	}

	// Removing the override takes effect once the cached value expires.
	if err := ratelimit.SetClientLimit(ctx, st, limited.OwnerID, 0); err != nil {
		t.Fatal(err)
	}
	if d := take(t, l, principal(limited)); d.Limit != 3 {
		t.Fatalf("within the cache TTL: limit %d, want the cached 3", d.Limit)
	}
	time.Sleep(cfg.SettingsTTL + 50*time.Millisecond)
	if d := take(t, l, principal(limited)); d.Limit != 100 || d.Remaining != 100-3 {
		t.Fatalf("after the TTL: %+v, want the default 100 with 3 used", d)
	}
	if s, _ := st.GetClientSettings(ctx, limited.OwnerID); s.RateLimitPerMinute != nil || s.FaceBands == nil {
		t.Fatalf("settings after removing the limit: %+v", s)
	}

	if err := ratelimit.SetClientLimit(ctx, st, uuid.New(), 5); err == nil {
		t.Fatal("setting the limit of an unknown client: no error")
	}
	if err := ratelimit.SetClientLimit(ctx, st, limited.OwnerID, -1); err == nil {
		t.Fatal("a negative limit: no error")
	}
}
