package app_test

import (
	"encoding/json"
	"os/exec"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/testkit/guide"
)

// TestGuideCurlExamples replays the guide's cURL examples for initiate and status against a local server and
// checks the answers have exactly the documented shapes.
func TestGuideCurlExamples(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatal("curl is needed (Debian package curl)")
	}
	f := newFixture(t)

	initiate := mustBlock(t, "**Initiate KYC:**", 0)
	out := runShell(t, guide.Localize(initiate, f.srv.BaseURL, f.keyA))
	got := decodeObject(t, out)
	want := decodeObject(t, mustBlock(t, "**Response (201 Created):**", 0))
	assertSameShape(t, "initiate", want, got)
	if got["status"] != "PENDING" {
		t.Errorf("status = %v", got["status"])
	}
	if urls, _ := json.Marshal(got["uploadUrls"]); string(urls) != mustJSON(t, want["uploadUrls"]) {
		t.Errorf("uploadUrls = %s, want the guide's %s", urls, mustJSON(t, want["uploadUrls"]))
	}

	statusCmd := mustBlock(t, "**Get KYC Status:**", 0)
	id := got["kycSessionId"].(string)
	statusCmd = strings.ReplaceAll(guide.Localize(statusCmd, f.srv.BaseURL, f.keyA), "a1b2c3d4-...", id)
	st := decodeObject(t, runShell(t, statusCmd))
	documented := decodeObject(t, mustBlock(t, "### 6. Get KYC Status", 1))
	// extractedData and verificationScores appear once known; a new session has neither.
	delete(documented, "extractedData")
	delete(documented, "verificationScores")
	assertSameShape(t, "status", documented, st)
	if st["kycSessionId"] != id || st["externalUserId"] != "customer-12345" || st["progress"] != float64(0) {
		t.Errorf("status body = %v", st)
	}
	for _, k := range []string{"createdAt", "updatedAt"} {
		ts, _ := st[k].(string)
		if _, err := time.Parse(time.RFC3339, ts); err != nil || !strings.HasSuffix(ts, "Z") {
			t.Errorf("%s = %q is not RFC 3339 UTC", k, ts)
		}
	}
}

func mustBlock(t *testing.T, marker string, skip int) string {
	t.Helper()
	b, err := guide.Block(marker, skip)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func runShell(t *testing.T, script string) []byte {
	t.Helper()
	out, err := exec.Command("bash", "-c", script).Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", script, err, out)
	}
	return out
}

func decodeObject(t *testing.T, raw any) map[string]any {
	t.Helper()
	var b []byte
	switch v := raw.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not a JSON object: %q", b)
	}
	return m
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertSameShape checks both objects have the same keys, recursively, with values of the same JSON types.
func assertSameShape(t *testing.T, what string, want, got map[string]any) {
	t.Helper()
	if k1, k2 := keys(want), keys(got); strings.Join(k1, ",") != strings.Join(k2, ",") {
		t.Fatalf("%s keys = %v, want %v", what, k2, k1)
	}
	for k, w := range want {
		g := got[k]
		wm, wok := w.(map[string]any)
		gm, gok := g.(map[string]any)
		switch {
		case wok && gok:
			assertSameShape(t, what+"."+k, wm, gm)
		case wok != gok:
			t.Errorf("%s.%s = %T, want an object", what, k, g)
		case typeName(w) != typeName(g):
			t.Errorf("%s.%s is a %s, want a %s", what, k, typeName(g), typeName(w))
		}
	}
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return "other"
}
