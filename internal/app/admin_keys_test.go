package app_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestAdminKeyLifecycle: over the admin API, a rotated-out key and a revoked admin's key are refused (401), an
// expired key is refused even while the authenticator still has it cached, and the new key works.
func TestAdminKeyLifecycle(t *testing.T) {
	srv := testserver.Start(t)
	ctx := t.Context()
	queue := srv.BaseURL + "/v1/admin/reviews"
	status := func(key string) (int, string) {
		code, _, raw := do(t, "GET", queue, key, "", nil)
		return code, string(raw)
	}

	soon := time.Now().Add(1500 * time.Millisecond)
	short, err := apikeys.CreateAdmin(ctx, srv.Store(), audit.Operator(), "Short-lived", &soon)
	if err != nil {
		t.Fatal(err)
	}
	if code, raw := status(short.Key); code != 200 {
		t.Fatalf("fresh key: %d %s", code, raw)
	}
	time.Sleep(time.Until(soon) + 100*time.Millisecond) // still cached by the authenticator: expiry is checked anyway
	if code, raw := status(short.Key); code != 401 || !strings.Contains(raw, "expired") {
		t.Errorf("expired key: %d %s", code, raw)
	}

	id, old := srv.NewAdmin(t, "Reviewer")
	adminID := uuid.MustParse(id)
	next, err := apikeys.RotateAdminKey(ctx, srv.Store(), audit.Operator(), adminID, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.App.ForgetKeys() // the CLI runs in another process: this one would notice within KYC_AUTH_CACHE_TTL
	if code, raw := status(old); code != 401 {
		t.Errorf("rotated-out key: %d %s", code, raw)
	}
	if code, raw := status(next.Key); code != 200 {
		t.Errorf("new key: %d %s", code, raw)
	}
	if _, err := apikeys.RevokeAdmin(ctx, srv.Store(), audit.Operator(), adminID); err != nil {
		t.Fatal(err)
	}
	srv.App.ForgetKeys()
	if code, raw := status(next.Key); code != 401 {
		t.Errorf("revoked admin's key: %d %s", code, raw)
	}
	if _, err := apikeys.RotateAdminKey(ctx, srv.Store(), audit.Operator(), adminID, nil); !errors.Is(err, apikeys.ErrAdminRevoked) {
		t.Errorf("rotating a revoked admin: %v", err)
	}
}
