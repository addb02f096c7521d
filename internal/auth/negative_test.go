package auth_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
)

// TestBadKeysAreNotLookedUpAgain: an unknown or revoked key is answered from memory the next time (the
// database is closed after the first look-ups and still the answer is 401, not 503), while a valid key that
// was never seen still needs the database.
func TestBadKeysAreNotLookedUpAgain(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, pgtest.NewDatabase(t), 4)
	if err != nil {
		t.Fatal(err)
	}
	issued, err := apikeys.CreateClient(ctx, s, audit.Operator(), "tenant")
	if err != nil {
		t.Fatal(err)
	}
	old, err := apikeys.RotateClient(ctx, s, audit.Operator(), issued.OwnerID, "live") // revokes issued.Key
	if err != nil {
		t.Fatal(err)
	}
	a := auth.NewAuthenticator(s, time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
	unknown := "kyc_live_" + "thisKeyWasNeverIssuedxxxxxxxxxxxxxxxxxxxxxx"
	for _, k := range []string{unknown, issued.Key} {
		if _, err := a.Authenticate(ctx, k); !errors.Is(err, auth.ErrInvalidKey) {
			t.Fatalf("first look-up: %v, want ErrInvalidKey", err)
		}
	}
	s.Close()
	for _, k := range []string{unknown, issued.Key} {
		if _, err := a.Authenticate(ctx, k); !errors.Is(err, auth.ErrInvalidKey) {
			t.Fatalf("second look-up with the database closed: %v, want ErrInvalidKey from memory", err)
		}
	}
	if _, err := a.Authenticate(ctx, old.Key); !isUnavailable(err) {
		t.Fatalf("an unseen valid key with the database closed: %v, want Unavailable", err)
	}
}

func isUnavailable(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Kind == apperr.Unavailable
}

// fakeBudget blocks an address after max failures.
type fakeBudget struct {
	max      int
	failures map[string]int
}

func (f *fakeBudget) Blocked(addr string) (time.Duration, bool) {
	return 30 * time.Second, f.failures[addr] >= f.max
}
func (f *fakeBudget) Failed(_ context.Context, addr string) { f.failures[addr]++ }

// TestCheckLimitsFailuresPerAddress: bad keys count against their address; a spent address gets 429 with its
// wait, before any look-up, except for a key already verified; other addresses are not affected.
func TestCheckLimitsFailuresPerAddress(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, pgtest.NewDatabase(t), 4)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	issued, err := apikeys.CreateClient(ctx, s, audit.Operator(), "tenant")
	if err != nil {
		t.Fatal(err)
	}
	a := auth.NewAuthenticator(s, time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
	budget := &fakeBudget{max: 3, failures: map[string]int{}}
	a.LimitFailures(budget, nil)
	if _, err := a.Check(ctx, issued.Key, "192.0.2.1"); err != nil { // verified (and cached) before the flood
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := a.Check(ctx, "kyc_live_wrong", "192.0.2.1"); !errors.Is(err, auth.ErrInvalidKey) {
			t.Fatalf("failure %d: %v, want ErrInvalidKey", i+1, err)
		}
	}
	_, err = a.Check(ctx, "kyc_live_wrong", "192.0.2.1")
	th, ok := auth.AsThrottled(err)
	if e, isApp := apperr.As(err); !ok || !isApp || e.Kind != apperr.RateLimited || th.RetryAfterSeconds() != 30 {
		t.Fatalf("after the budget: %v, want RateLimited with a 30 s wait", err)
	}
	if budget.failures["192.0.2.1"] != 3 {
		t.Errorf("a refused attempt was counted again: %d failures", budget.failures["192.0.2.1"])
	}
	if _, err := a.Check(ctx, issued.Key, "192.0.2.1"); err != nil {
		t.Errorf("a verified key from a blocked address: %v", err)
	}
	// The cache is purged when a revocation or a reconnect of the listener is heard: a key the address used
	// before is looked up again, not refused with the guesses.
	a.Forget()
	if _, err := a.Check(ctx, issued.Key, "192.0.2.1"); err != nil {
		t.Errorf("a verified key from a blocked address after the cache was purged: %v", err)
	}
	if _, err := a.Check(ctx, "kyc_live_wrong", "192.0.2.2"); !errors.Is(err, auth.ErrInvalidKey) {
		t.Errorf("another address: %v, want ErrInvalidKey", err)
	}
}
