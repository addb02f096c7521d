package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestNoTestKitInServer: the production binary links nothing of the test kit (synthetic cards with Debian fonts,
// unaudited key provisioning, test servers). Test data has its own binary, cmd/kyc-testkit.
func TestNoTestKitInServer(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 || !slices.Contains(deps, "github.com/enxtai/kyc/internal/app") {
		t.Fatalf("go list -deps printed %d packages without internal/app: not the server's dependencies", len(deps))
	}
	for _, p := range deps {
		if strings.HasPrefix(p, "github.com/enxtai/kyc/internal/testkit") {
			t.Errorf("kyc-server imports %s", p)
		}
	}
}
