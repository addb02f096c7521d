package config

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMakeRunServesInDevelopmentMode: `make run` is a developer's server. It must run in development mode (the
// guide's webhook flow with a local http receiver fails with "scheme must be https" otherwise) and say so in
// its banner. The test runs the recipe's banner and serve command as make would, with the server replaced by
// a print of its environment.
func TestMakeRunServesInDevelopmentMode(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make not installed")
	}
	cmd := exec.Command("make", "-n", "-s", "run")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("make -n run: %v", err)
	}
	script := string(out)
	serve := strings.LastIndex(script, "./bin/kyc-server serve")
	banner := strings.LastIndex(script[:max(serve, 0)], "\necho;") // the banner is one command: echo; echo ...
	if serve < 0 || banner < 0 {
		t.Fatalf("make -n run prints no banner or serve command:\n%s", script)
	}
	script = script[banner:serve] + "env | grep -E '^KYC_(MODE|WEBHOOK_ALLOWED_HOSTS)=' || true"
	sh := exec.Command("sh", "-c", script)
	sh.Env = withoutEnv(os.Environ(), "KYC_MODE", "KYC_WEBHOOK_ALLOWED_HOSTS")
	got, err := sh.CombinedOutput()
	if err != nil {
		t.Fatalf("banner and serve command: %v\n%s", err, got)
	}
	text := string(got)
	lines := strings.Split(text, "\n")
	if !contains(lines, "KYC_MODE=development") {
		t.Errorf("the server does not get KYC_MODE=development:\n%s", text)
	}
	if !strings.Contains(text, "KYC_MODE=development:") {
		t.Errorf("the banner does not say the mode:\n%s", text)
	}
	if !contains(lines, "KYC_WEBHOOK_ALLOWED_HOSTS=127.0.0.1,::1,localhost") {
		t.Errorf("local webhook receivers are not allowed:\n%s", text)
	}
}

func withoutEnv(env []string, names ...string) []string {
	var out []string
	for _, kv := range env {
		keep := true
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				keep = false
			}
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}
