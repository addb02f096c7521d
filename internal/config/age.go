package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseAge reads a lifetime such as 90d (days, which Go's durations lack), 12h or 30m. It must be positive.
func ParseAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		n, err = strconv.Atoi(days)
		d = time.Duration(n) * 24 * time.Hour
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("invalid age %q: want e.g. 90d, 720h or 30m", s)
	}
	return d, nil
}

// AdminKeyExpiry is when an admin key made now expires: after the given age (e.g. --expires-in) when set, else
// after KYC_ADMIN_KEY_MAX_AGE, else never (nil).
func (c Config) AdminKeyExpiry(age string, now time.Time) (*time.Time, error) {
	if age == "" {
		age = c.AdminKeyMaxAge
	}
	if age == "" {
		return nil, nil
	}
	d, err := ParseAge(age)
	if err != nil {
		return nil, err
	}
	t := now.Add(d).UTC().Truncate(time.Second)
	return &t, nil
}
