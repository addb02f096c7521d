package config

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEListsEverySetting keeps the README's configuration table true: regenerate it with
// `bin/kyc-server config`.
func TestREADMEListsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Settings() {
		if !strings.Contains(string(readme), "`"+s.Env+"`") {
			t.Errorf("README.md does not list %s (run bin/kyc-server config and paste the table)", s.Env)
		}
		if s.Doc == "" {
			t.Errorf("%s has no doc tag", s.Env)
		}
	}
}

func TestDefaultsValidate(t *testing.T) {
	for _, k := range []string{"KYC_MODE", "KYC_LOG_LEVEL"} {
		os.Unsetenv(k)
	}
	c, err := Load()
	if err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	if c.HTTPAddr != ":8080" || c.GRPCAddr != ":9090" || c.UploadMaxSize != 5<<20 {
		t.Errorf("unexpected defaults: %+v", c)
	}
	t.Setenv("KYC_LOG_LEVEL", "loud")
	if _, err := Load(); err == nil {
		t.Error("an invalid log level was accepted")
	}
	t.Setenv("KYC_LOG_LEVEL", "info")
	t.Setenv("KYC_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7")
	if c, err := Load(); err != nil {
		t.Errorf("trusted proxies refused: %v", err)
	} else if nets, _ := c.TrustedProxyRanges(); len(nets) != 2 {
		t.Errorf("trusted proxies %v", nets)
	}
	t.Setenv("KYC_TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal")
	if _, err := Load(); err == nil {
		t.Error("a host name was accepted as a trusted proxy")
	}
}

// TestREADMETableIsGenerated: the README holds the table exactly as `kyc-server config` prints it.
func TestREADMETableIsGenerated(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), Markdown()) {
		t.Error("README.md's configuration table differs from Markdown(): run bin/kyc-server config and paste the table")
	}
}

// TestAutoMigrateIsOffByDefault: production migrates only through `kyc-server migrate`.
func TestAutoMigrateIsOffByDefault(t *testing.T) {
	os.Unsetenv("KYC_AUTO_MIGRATE")
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.AutoMigrate {
		t.Error("KYC_AUTO_MIGRATE defaults to true")
	}
	t.Setenv("KYC_AUTO_MIGRATE", "true")
	if c, _ := Load(); !c.AutoMigrate {
		t.Error("KYC_AUTO_MIGRATE=true not read")
	}
}
