package storetest

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// NewStore returns a store on an empty, migrated database for one test.
type NewStore func(t *testing.T) *store.Store

// Run runs every conformance case against stores made by newStore.
func Run(t *testing.T, newStore NewStore) {
	cases := []struct {
		name string
		fn   func(t *testing.T, s *store.Store)
	}{
		{"SessionRoundTrip", testSessionRoundTrip},
		{"MissingIsNotFound", testMissingIsNotFound},
		{"SupersedeIsPerUserAndTenant", testSupersede},
		{"UpdateProcessingKeepsOrClears", testUpdateProcessing},
		{"TxRollsBackAndNotifiesAfterCommit", testTx},
		{"DocumentsReplacePerType", testDocuments},
		{"IdempotencyConflict", testIdempotency},
		{"KeysByHashAndRevocation", testKeys},
		{"ClientSettings", testClientSettings},
		{"EventsInOrder", testEvents},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // each case has its own store
			c.fn(t, newStore(t))
		})
	}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newClient(t *testing.T, s *store.Store) uuid.UUID {
	t.Helper()
	id := uuid.New()
	must(t, s.InsertClient(ctx(t), id, "client "+id.String()[:8]))
	return id
}

func newSession(t *testing.T, s *store.Store, client uuid.UUID, user string) store.Session {
	t.Helper()
	sess, err := s.InsertSession(ctx(t), store.Session{ID: uuid.New(), ClientID: client, Environment: "live",
		ExternalUserID: user, Email: "a@example.com", Metadata: map[string]string{"k": "v"}, Status: "PENDING"})
	must(t, err)
	return sess
}

func testSessionRoundTrip(t *testing.T, s *store.Store) {
	client := newClient(t, s)
	in := newSession(t, s, client, "user-1")
	got, err := s.GetSession(ctx(t), in.ID)
	must(t, err)
	if got.ClientID != client || got.ExternalUserID != "user-1" || got.Email != "a@example.com" || got.Phone != "" ||
		got.Metadata["k"] != "v" || got.Status != "PENDING" || got.CreatedAt.IsZero() || got.DecidedAt != nil {
		t.Fatalf("read back %+v", got)
	}
	must(t, s.SetStatus(ctx(t), in.ID, "DOCUMENTS_UPLOADED", 40))
	if got, _ = s.GetSession(ctx(t), in.ID); got.Status != "DOCUMENTS_UPLOADED" || got.Progress != 40 {
		t.Fatalf("after SetStatus: %s %d", got.Status, got.Progress)
	}
}

func testMissingIsNotFound(t *testing.T, s *store.Store) {
	id := uuid.New()
	if _, err := s.GetSession(ctx(t), id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetSession: %v, want ErrNotFound", err)
	}
	if err := s.SetStatus(ctx(t), id, "PENDING", 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetStatus: %v, want ErrNotFound", err)
	}
	if _, err := s.Generation(ctx(t), id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Generation: %v, want ErrNotFound", err)
	}
	if _, err := s.OpenSessionForUser(ctx(t), id, "live", "nobody", false); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("OpenSessionForUser: %v, want ErrNotFound", err)
	}
	if _, err := s.KeyByHash(ctx(t), []byte("no such hash")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("KeyByHash: %v, want ErrNotFound", err)
	}
	if err := s.SetClientSettings(ctx(t), id, store.ClientSettings{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetClientSettings: %v, want ErrNotFound", err)
	}
}

// A new session supersedes only the same user's open sessions of the same client and environment.
func testSupersede(t *testing.T, s *store.Store) {
	a, b := newClient(t, s), newClient(t, s)
	old := newSession(t, s, a, "user-1")
	otherUser := newSession(t, s, a, "user-2")
	otherTenant := newSession(t, s, b, "user-1")
	// As initiate does it: supersede, then insert the new session, in one transaction (the reference to the new
	// session is checked at commit).
	nextID := uuid.New()
	var ids []uuid.UUID
	must(t, s.InTx(ctx(t), func(tx *store.Tx) error {
		var err error
		if ids, err = tx.SupersedeOpenSessions(ctx(t), a, "live", "user-1", nextID); err != nil {
			return err
		}
		_, err = tx.InsertSession(ctx(t), store.Session{ID: nextID, ClientID: a, Environment: "live",
			ExternalUserID: "user-1", Status: "PENDING"})
		return err
	}))
	if !slices.Equal(ids, []uuid.UUID{old.ID}) {
		t.Fatalf("superseded %v, want only %v (other user %v, other tenant %v)", ids, old.ID, otherUser.ID, otherTenant.ID)
	}
	if open, err := s.OpenSessionForUser(ctx(t), a, "live", "user-1", false); err != nil || open.ID != nextID {
		t.Errorf("open session after superseding: %v, %v; want %v", open.ID, err, nextID)
	}
	if got, _ := s.GetSession(ctx(t), old.ID); got.SupersededAt == nil {
		t.Error("the old session has no superseded_at")
	}
	for _, id := range []uuid.UUID{otherUser.ID, otherTenant.ID} {
		if got, _ := s.GetSession(ctx(t), id); got.SupersededAt != nil {
			t.Errorf("session %v of another user or tenant was superseded", id)
		}
	}
	if open, err := s.OpenSessionForUser(ctx(t), b, "live", "user-1", false); err != nil || open.ID != otherTenant.ID {
		t.Errorf("other tenant's open session: %v, %v", open.ID, err)
	}
}

func testUpdateProcessing(t *testing.T, s *store.Store) {
	sess := newSession(t, s, newClient(t, s), "user-1")
	score, live := 0.8, 0.9
	got, err := s.UpdateProcessing(ctx(t), sess.ID, store.ProcessingUpdate{Status: "OCR_COMPLETED", Progress: 60,
		Generation: 1, FaceMatchScore: &score, LivenessScore: &live, ReviewReasons: []byte(`["face_match_low"]`)})
	must(t, err)
	if got.FaceMatchScore == nil || *got.FaceMatchScore != score || got.Generation != 1 || got.DecidedAt != nil {
		t.Fatalf("first update: %+v", got)
	}
	// nil fields keep what is there; Decided stamps decided_at.
	got, err = s.UpdateProcessing(ctx(t), sess.ID, store.ProcessingUpdate{Status: "FACE_VERIFIED", Progress: 100,
		Generation: 1, Decided: true})
	must(t, err)
	if got.FaceMatchScore == nil || *got.FaceMatchScore != score || string(got.ReviewReasons) == "" || got.DecidedAt == nil {
		t.Fatalf("second update lost scores or did not decide: %+v", got)
	}
	// ClearScores forgets the previous run's scores and reasons.
	got, err = s.UpdateProcessing(ctx(t), sess.ID, store.ProcessingUpdate{Status: "DOCUMENTS_UPLOADED", Progress: 50,
		Generation: 2, ClearScores: true})
	must(t, err)
	if got.FaceMatchScore != nil || got.LivenessScore != nil || got.ReviewReasons != nil || got.Generation != 2 {
		t.Fatalf("ClearScores kept %+v", got)
	}
	if g, err := s.Generation(ctx(t), sess.ID); err != nil || g != 2 {
		t.Fatalf("Generation %d, %v", g, err)
	}
}

// A rolled-back transaction leaves nothing; OnSessionsChanged hears of a transaction's sessions only on commit.
func testTx(t *testing.T, s *store.Store) {
	client := newClient(t, s)
	var mu sync.Mutex
	var heard []uuid.UUID
	s.OnSessionsChanged(func(ids []uuid.UUID) { mu.Lock(); heard = append(heard, ids...); mu.Unlock() })
	sess := newSession(t, s, client, "user-1")
	mu.Lock()
	heard = nil
	mu.Unlock()

	boom := errors.New("boom")
	err := s.InTx(ctx(t), func(tx *store.Tx) error {
		if err := tx.SetStatus(ctx(t), sess.ID, "DOCUMENTS_UPLOADED", 40); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx returned %v, want fn's error", err)
	}
	if got, _ := s.GetSession(ctx(t), sess.ID); got.Status != "PENDING" {
		t.Fatalf("rolled-back status change is visible: %s", got.Status)
	}
	mu.Lock()
	if len(heard) != 0 {
		t.Errorf("a rolled-back transaction reported %v as changed", heard)
	}
	mu.Unlock()

	must(t, s.InTx(ctx(t), func(tx *store.Tx) error {
		if _, err := tx.LockSession(ctx(t), sess.ID); err != nil {
			return err
		}
		return tx.SetStatus(ctx(t), sess.ID, "DOCUMENTS_UPLOADED", 40)
	}))
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(heard, sess.ID) {
		t.Errorf("a committed change was not reported: heard %v", heard)
	}
}
