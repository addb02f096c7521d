package config

import (
	"testing"
	"time"
)

func TestParseAge(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"90d", 90 * 24 * time.Hour, true},
		{"1d", 24 * time.Hour, true},
		{"720h", 720 * time.Hour, true},
		{"30m", 30 * time.Minute, true},
		{"0d", 0, false},
		{"-5d", 0, false},
		{"d", 0, false},
		{"ninety days", 0, false},
		{"", 0, false},
	} {
		got, err := ParseAge(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseAge(%q) = %v, %v", c.in, got, err)
		}
	}
}

func TestAdminKeyExpiry(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := Config{AdminKeyMaxAge: "30d"}
	if e, _ := c.AdminKeyExpiry("", now); e == nil || !e.Equal(now.AddDate(0, 0, 30)) {
		t.Errorf("default expiry %v", e)
	}
	if e, _ := c.AdminKeyExpiry("90d", now); e == nil || !e.Equal(now.AddDate(0, 0, 90)) {
		t.Errorf("flag expiry %v", e)
	}
	if e, err := (Config{}).AdminKeyExpiry("", now); e != nil || err != nil {
		t.Errorf("no expiry: %v %v", e, err)
	}
	if _, err := (Config{AdminKeyMaxAge: "soon"}).AdminKeyExpiry("", now); err == nil {
		t.Errorf("a bad KYC_ADMIN_KEY_MAX_AGE was accepted")
	}
}
