package deploytest

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

const composeDir = "../compose"

// loadCompose loads compose.yaml as `docker compose` would, from a copy of the folder where each committed
// *.env.example stands in for the operator's git-ignored env file. resolveEnv merges the env files into each
// service's environment (what the containers get); without it, environment is what compose.yaml itself says.
func loadCompose(t *testing.T, resolveEnv bool) *types.Project {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(composeDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || e.Name() == ".gitignore" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(composeDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(e.Name(), ".example")
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	opts := []cli.ProjectOptionsFn{cli.WithWorkingDirectory(dir), cli.WithEnv([]string{})}
	if !resolveEnv {
		opts = append(opts, cli.WithoutEnvironmentResolution)
	}
	po, err := cli.NewProjectOptions([]string{filepath.Join(dir, "compose.yaml")}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	p, err := po.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("compose.yaml does not load: %v", err)
	}
	return p
}

func TestComposeServices(t *testing.T) {
	p := loadCompose(t, true)
	want := []string{"migrate", "postgres", "proxy", "redis", "s3", "serve-1", "serve-2", "worker"}
	got := p.ServiceNames()
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("services = %v, want %v", got, want)
	}
	for _, name := range []string{"serve-1", "serve-2"} {
		s := p.Services[name]
		if !slices.Equal([]string(s.Command), []string{"serve"}) || envValue(s, "KYC_WORKERS") != "false" {
			t.Errorf("%s: command %v, KYC_WORKERS %q: want an API-only serve replica", name, s.Command, envValue(s, "KYC_WORKERS"))
		}
	}
	if w := p.Services["worker"]; !slices.Equal([]string(w.Command), []string{"worker"}) {
		t.Errorf("worker command = %v", w.Command)
	}
	// The schema is migrated once, before any replica starts.
	for _, name := range []string{"serve-1", "serve-2", "worker"} {
		if d := p.Services[name].DependsOn["migrate"]; d.Condition != types.ServiceConditionCompletedSuccessfully {
			t.Errorf("%s does not wait for migrate to complete (depends_on %+v)", name, p.Services[name].DependsOn)
		}
	}
	if m := p.Services["migrate"]; !slices.Equal([]string(m.Command), []string{"migrate"}) || m.Restart != "no" {
		t.Errorf("migrate: command %v restart %q, want a one-shot migrate", m.Command, m.Restart)
	}
}

// Every long-running service has a health check; the one-shot migrate is judged by its exit code instead
// (the replicas wait for service_completed_successfully).
func TestComposeHealthChecks(t *testing.T) {
	p := loadCompose(t, true)
	for name, s := range p.Services {
		if name == "migrate" {
			continue
		}
		if s.HealthCheck == nil || s.HealthCheck.Disable || len(s.HealthCheck.Test) < 2 {
			t.Errorf("%s has no health check", name)
		}
	}
}

// The kyc-server containers run as the image's non-root user with a read-only root filesystem and no
// capabilities.
func TestComposeContainerHardening(t *testing.T) {
	p := loadCompose(t, true)
	for _, name := range []string{"migrate", "serve-1", "serve-2", "worker"} {
		s := p.Services[name]
		if !s.ReadOnly || !slices.Contains(s.CapDrop, "ALL") || !slices.Contains(s.SecurityOpt, "no-new-privileges:true") {
			t.Errorf("%s: read_only %v cap_drop %v security_opt %v", name, s.ReadOnly, s.CapDrop, s.SecurityOpt)
		}
		if s.User != "" && strings.HasPrefix(s.User, "0") {
			t.Errorf("%s runs as root (%q)", name, s.User)
		}
	}
}

var secretName = regexp.MustCompile(`(?i)(PASSWORD|SECRET|MASTER_KEYS|ACCESS_KEY|TOKEN|DATABASE_URL)`)

// No secret is written in compose.yaml: secret settings come only from the env files, which are git-ignored,
// and the committed examples hold placeholders only.
func TestComposeNoInlineSecrets(t *testing.T) {
	p := loadCompose(t, false)
	for name, s := range p.Services {
		for k, v := range s.Environment {
			if secretName.MatchString(k) {
				t.Errorf("%s sets %s in compose.yaml (value %q): secrets belong in an env file", name, k, deref(v))
			}
			if v != nil && strings.Contains(*v, "@") && strings.Contains(*v, ":") && strings.Contains(*v, "//") {
				t.Errorf("%s: %s=%q looks like a URL with credentials", name, k, *v)
			}
		}
	}
	ignored, err := os.ReadFile(filepath.Join(composeDir, ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"kyc.env", "postgres.env", "s3.env"} {
		if !strings.Contains(string(ignored), "/"+f) {
			t.Errorf("%s is not git-ignored", f)
		}
		ex, err := os.ReadFile(filepath.Join(composeDir, f+".example"))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(ex), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(k, "#") && !strings.Contains(v, "CHANGE-ME") {
				t.Errorf("%s.example: %s has a value that is not a placeholder", f, k)
			}
		}
	}
	// With the env files resolved, each process gets its secrets.
	full := loadCompose(t, true)
	for _, name := range []string{"migrate", "serve-1", "serve-2", "worker"} {
		for _, k := range []string{"KYC_DATABASE_URL", "KYC_S3_SECRET_KEY", "KYC_BLOB_MASTER_KEYS"} {
			if envValue(full.Services[name], k) == "" {
				t.Errorf("%s gets no %s from its env file", name, k)
			}
		}
	}
}

// Replicas of one deployment count against the same rate-limit budgets: one Redis, one prefix; and they trust
// exactly the proxy in front of them.
func TestComposeReplicasShareRateLimit(t *testing.T) {
	p := loadCompose(t, true)
	var prefixes, redis []string
	for _, name := range []string{"serve-1", "serve-2", "worker"} {
		s := p.Services[name]
		prefixes = append(prefixes, envValue(s, "KYC_RATE_LIMIT_REDIS_PREFIX"))
		redis = append(redis, envValue(s, "KYC_REDIS_URL"))
		if envValue(s, "KYC_RATE_LIMIT_STORE") != "redis" {
			t.Errorf("%s does not count in Redis", name)
		}
	}
	if prefixes[0] == "" || len(slices.Compact(slices.Clone(prefixes))) != 1 {
		t.Errorf("rate-limit prefixes differ or are empty: %v", prefixes)
	}
	if len(slices.Compact(slices.Clone(redis))) != 1 {
		t.Errorf("Redis URLs differ: %v", redis)
	}
	proxyIP := p.Services["proxy"].Networks["kyc"].Ipv4Address
	for _, name := range []string{"serve-1", "serve-2"} {
		if got := envValue(p.Services[name], "KYC_TRUSTED_PROXIES"); proxyIP == "" || got != proxyIP {
			t.Errorf("%s trusts %q, the proxy is at %q", name, got, proxyIP)
		}
	}
}

func envValue(s types.ServiceConfig, k string) string { return deref(s.Environment[k]) }

func deref(v *string) string {
	if v == nil {
		return ""
	}
	return *v
}
