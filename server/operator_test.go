package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/enxtai/kyc/internal/testkit/pgtest"
)

// TestOperatorKeysAndAudit: the operator's key commands (create for live or test, list without key material,
// revoke, rotate per environment), each audited as done by "operator", readable with kyc-server audit.
func TestOperatorKeysAndAudit(t *testing.T) {
	env := []string{"KYC_DATABASE_URL=" + pgtest.NewDatabase(t)}
	must := func(args ...string) string {
		t.Helper()
		out, err := run(t, env, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out
	}
	client := oneJSONLine(t, must("client", "create", "--name", "Acme Lending"), "clientId", "apiKey")
	id := client["clientId"]
	created := oneJSONLine(t, must("client", "keys", "create", "--client-id", id, "--environment", "test", "--name", "CI"),
		"clientId", "keyId", "environment", "apiKey")
	if !strings.HasPrefix(created["apiKey"], "kyc_test_") || created["environment"] != "test" {
		t.Fatalf("created %v", created)
	}
	list := jsonLines(t, must("client", "keys", "list", "--client-id", id))
	if len(list) != 2 || list[0]["keyId"] != created["keyId"] || list[0]["name"] != "CI" {
		t.Fatalf("list %v", list)
	}
	for _, l := range list {
		raw, _ := json.Marshal(l)
		if strings.Contains(string(raw), created["apiKey"]) || strings.Contains(string(raw), client["apiKey"]) {
			t.Fatalf("list shows a key: %s", raw)
		}
	}
	revoked := jsonLines(t, must("client", "keys", "revoke", "--client-id", id, "--key-id", created["keyId"]))
	if len(revoked) != 1 || revoked[0]["revokedAt"] == nil {
		t.Fatalf("revoke %v", revoked)
	}
	rotated := oneJSONLine(t, must("client", "rotate-key", "--client-id", id, "--environment", "test"), "clientId", "apiKey")
	if !strings.HasPrefix(rotated["apiKey"], "kyc_test_") {
		t.Fatalf("rotate %v", rotated)
	}
	oneJSONLine(t, must("admin", "create", "--name", "Reviewer"), "adminId", "apiKey")
	for _, args := range [][]string{
		{"client", "keys", "list", "--client-id", "00000000-0000-0000-0000-000000000000"},
		{"client", "keys", "create", "--client-id", id, "--environment", "prod"},
		{"client", "keys", "revoke", "--client-id", "00000000-0000-0000-0000-000000000000", "--key-id", created["keyId"]},
	} {
		if _, err := run(t, env, args...); err == nil {
			t.Errorf("%v succeeded", args)
		}
	}
	var actions []string
	for _, e := range jsonLines(t, must("audit", "--limit", "20")) {
		if e["actorType"] != "operator" {
			t.Errorf("entry %v", e)
		}
		actions = append(actions, e["action"].(string))
	}
	want := "admin.created,api_key.rotated,api_key.revoked,api_key.created,api_key.created,client.created"
	if strings.Join(actions, ",") != want {
		t.Errorf("audit actions %v, want %s", actions, want)
	}
}

func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not a JSON line: %q", l)
		}
		lines = append(lines, m)
	}
	return lines
}
