package ratelimit_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/ratelimit"
)

func TestDecisionMetadata(t *testing.T) {
	now := time.Unix(1_704_451_170, 400_000_000)
	cases := []struct {
		name       string
		d          ratelimit.Decision
		retryAfter string // "" = no retry-after
	}{
		{"allowed", ratelimit.Decision{Allowed: true, Limit: 100, Remaining: 87, Reset: time.Unix(1_704_451_200, 0)}, ""},
		{"refused", ratelimit.Decision{Allowed: false, Limit: 100, Remaining: 0, Reset: time.Unix(1_704_451_200, 0)}, "30"},
		{"refused at reset", ratelimit.Decision{Allowed: false, Limit: 100, Remaining: 0, Reset: time.Unix(1_704_451_170, 0)}, "1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			md := c.d.Metadata(now)
			want := map[string]string{
				ratelimit.HeaderLimit: "100", ratelimit.HeaderRemaining: itoa(c.d.Remaining),
				ratelimit.HeaderReset: itoa(c.d.Reset.Unix()), ratelimit.HeaderRetryAfter: c.retryAfter,
			}
			for k, v := range want {
				got := md.Get(k)
				switch {
				case v == "" && len(got) != 0:
					t.Errorf("%s: %v, want none", k, got)
				case v != "" && (len(got) != 1 || got[0] != v):
					t.Errorf("%s: %v, want %s", k, got, v)
				}
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
