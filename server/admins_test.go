package main

import (
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/testkit/pgtest"
)

// TestOperatorAdminLifecycle: admin create (with --expires-in or the KYC_ADMIN_KEY_MAX_AGE default), list (no
// key material), rotate-key and revoke, each audited as done by "operator"; unknown admins and bad ages fail.
func TestOperatorAdminLifecycle(t *testing.T) {
	env := []string{"KYC_DATABASE_URL=" + pgtest.NewDatabase(t), "KYC_ADMIN_KEY_MAX_AGE=30d"}
	must := func(args ...string) string {
		t.Helper()
		out, err := run(t, env, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out
	}
	expiry := func(m map[string]any) time.Duration {
		t.Helper()
		at, err := time.Parse(time.RFC3339, m["expiresAt"].(string))
		if err != nil {
			t.Fatalf("expiresAt %v", m)
		}
		return time.Until(at)
	}
	first := jsonLines(t, must("admin", "create", "--name", "Reviewer One", "--expires-in", "90d"))[0]
	if d := expiry(first); d < 89*24*time.Hour || d > 90*24*time.Hour {
		t.Errorf("--expires-in 90d gave %v", first["expiresAt"])
	}
	second := jsonLines(t, must("admin", "create", "--name", "Reviewer Two"))[0]
	if d := expiry(second); d < 29*24*time.Hour || d > 30*24*time.Hour {
		t.Errorf("KYC_ADMIN_KEY_MAX_AGE=30d gave %v", second["expiresAt"])
	}
	id := first["adminId"].(string)
	rotated := jsonLines(t, must("admin", "rotate-key", "--admin-id", id, "--expires-in", "12h"))[0]
	if rotated["adminId"] != id || !strings.HasPrefix(rotated["apiKey"].(string), "kyc_admin_") || rotated["apiKey"] == first["apiKey"] {
		t.Fatalf("rotate %v", rotated)
	}
	revoked := jsonLines(t, must("admin", "revoke", "--admin-id", second["adminId"].(string)))[0]
	if revoked["revokedKeys"] != float64(1) {
		t.Errorf("revoke %v", revoked)
	}
	out := must("admin", "list")
	for _, k := range []any{first["apiKey"], second["apiKey"], rotated["apiKey"]} {
		if strings.Contains(out, k.(string)) {
			t.Fatalf("list shows a key: %s", out)
		}
	}
	list := jsonLines(t, out)
	if len(list) != 2 || list[0]["name"] != "Reviewer One" || list[1]["revokedAt"] == nil || list[0]["revokedAt"] != nil {
		t.Fatalf("list %v", list)
	}
	keys := list[0]["keys"].([]any)
	if len(keys) != 2 || keys[0].(map[string]any)["revokedAt"] != nil || keys[1].(map[string]any)["revokedAt"] == nil ||
		keys[0].(map[string]any)["expiresAt"] == nil {
		t.Errorf("keys of the rotated admin %v", keys)
	}
	for _, args := range [][]string{
		{"admin", "rotate-key", "--admin-id", "00000000-0000-0000-0000-000000000000"},
		{"admin", "revoke", "--admin-id", "00000000-0000-0000-0000-000000000000"},
		{"admin", "rotate-key", "--admin-id", second["adminId"].(string)}, // revoked: create a new admin instead
		{"admin", "create", "--name", "X", "--expires-in", "soon"},
		{"admin", "rotate-key", "--admin-id", "not-a-uuid"},
	} {
		if _, err := run(t, env, args...); err == nil {
			t.Errorf("%v succeeded", args)
		}
	}
	var actions []string
	for _, e := range jsonLines(t, must("audit", "--limit", "20")) {
		actions = append(actions, e["action"].(string))
	}
	if want := "admin.revoked,admin.key_rotated,admin.created,admin.created"; strings.Join(actions, ",") != want {
		t.Errorf("audit actions %v, want %s", actions, want)
	}
}
