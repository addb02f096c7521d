package storetest

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// A document of a type replaces the session's previous one of that type, returning the old object key.
func testDocuments(t *testing.T, s *store.Store) {
	sess := newSession(t, s, newClient(t, s), "user-1")
	doc := func(typ, key string) store.Document {
		return store.Document{SessionID: sess.ID, Type: typ, ObjectKey: key, ContentType: "image/jpeg", Size: 10,
			Width: 800, Height: 600, SHA256: bytes.Repeat([]byte{1}, 32)}
	}
	for _, c := range []struct {
		d            store.Document
		wantReplaced string
	}{
		{doc("PAN_CARD", "k/pan-1"), ""},
		{doc("AADHAAR_FRONT", "k/front-1"), ""},
		{doc("PAN_CARD", "k/pan-2"), "k/pan-1"},
	} {
		replaced, err := s.PutDocument(ctx(t), c.d)
		must(t, err)
		if replaced != c.wantReplaced {
			t.Errorf("PutDocument(%s %s) replaced %q, want %q", c.d.Type, c.d.ObjectKey, replaced, c.wantReplaced)
		}
	}
	docs, err := s.ListDocuments(ctx(t), sess.ID)
	must(t, err)
	byType := map[string]store.Document{}
	for _, d := range docs {
		byType[d.Type] = d
	}
	if len(docs) != 2 || byType["PAN_CARD"].ObjectKey != "k/pan-2" || byType["PAN_CARD"].Version != 2 ||
		byType["AADHAAR_FRONT"].Version != 1 {
		t.Fatalf("documents %+v", docs)
	}
	refs, err := s.ReferencedObjects(ctx(t), []string{"k/pan-1", "k/pan-2", "k/front-1", "k/other"})
	must(t, err)
	if refs["k/pan-1"] || !refs["k/pan-2"] || !refs["k/front-1"] || refs["k/other"] {
		t.Fatalf("referenced %v", refs)
	}
	// Deleting one type returns its key once, leaves the others, and is a no-op the second time.
	for _, want := range []string{"k/front-1", ""} {
		removed, err := s.DeleteDocument(ctx(t), sess.ID, "AADHAAR_FRONT")
		must(t, err)
		if removed != want {
			t.Errorf("DeleteDocument removed %q, want %q", removed, want)
		}
	}
	if docs, err := s.ListDocuments(ctx(t), sess.ID); err != nil || len(docs) != 1 || docs[0].Type != "PAN_CARD" {
		t.Fatalf("after delete: %+v %v", docs, err)
	}
}

func testIdempotency(t *testing.T, s *store.Store) {
	client, other := newClient(t, s), newClient(t, s)
	sess := newSession(t, s, client, "user-1")
	rec := store.IdempotencyRecord{RequestHash: []byte("h1"), SessionID: sess.ID, Response: []byte(`{"a": 1}`)}
	must(t, s.InsertIdempotency(ctx(t), client, "key-1", rec))
	if err := s.InsertIdempotency(ctx(t), client, "key-1", rec); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("second insert of a key: %v, want ErrConflict", err)
	}
	otherSess := newSession(t, s, other, "user-1")
	must(t, s.InsertIdempotency(ctx(t), other, "key-1", store.IdempotencyRecord{RequestHash: []byte("h2"),
		SessionID: otherSess.ID, Response: []byte(`{}`)})) // keys are per client
	got, err := s.GetIdempotency(ctx(t), client, "key-1")
	must(t, err)
	if got.SessionID != sess.ID || string(got.RequestHash) != "h1" || string(got.Response) != `{"a": 1}` {
		t.Fatalf("read back %+v", got)
	}
	must(t, s.DeleteIdempotencyBefore(ctx(t), client, "key-1", got.CreatedAt)) // not older than itself: kept
	if _, err := s.GetIdempotency(ctx(t), client, "key-1"); err != nil {
		t.Fatalf("a key not older than the cutoff was deleted: %v", err)
	}
	must(t, s.DeleteIdempotencyBefore(ctx(t), client, "key-1", got.CreatedAt.Add(time.Second)))
	if _, err := s.GetIdempotency(ctx(t), client, "key-1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("after delete: %v, want ErrNotFound", err)
	}
	if _, err := s.GetIdempotency(ctx(t), other, "key-1"); err != nil {
		t.Fatalf("deleting one client's key touched another's: %v", err)
	}
}

// Keys are found by hash only (never stored in clear); revoking a client's keys keeps the one asked for.
func testKeys(t *testing.T, s *store.Store) {
	client := newClient(t, s)
	keep, drop, test := uuid.New(), uuid.New(), uuid.New()
	for _, k := range []struct {
		id   uuid.UUID
		env  string
		hash string
	}{{keep, "live", "hash-keep"}, {drop, "live", "hash-drop"}, {test, "test", "hash-test"}} {
		must(t, s.InsertAPIKey(ctx(t), store.APIKey{ID: k.id, ClientID: client, Prefix: "kyc_" + k.env + "_abc",
			Environment: k.env}, []byte(k.hash)))
	}
	n, err := s.RevokeClientKeys(ctx(t), client, "live", keep)
	must(t, err)
	if n != 1 {
		t.Fatalf("revoked %d keys, want 1", n)
	}
	for hash, wantRevoked := range map[string]bool{"hash-keep": false, "hash-drop": true, "hash-test": false} {
		k, err := s.KeyByHash(ctx(t), []byte(hash))
		must(t, err)
		if k.ClientID != client || k.AdminID != uuid.Nil || (k.RevokedAt != nil) != wantRevoked {
			t.Errorf("%s: %+v, want revoked %v", hash, k, wantRevoked)
		}
	}
	at := time.Now().UTC().Truncate(time.Millisecond)
	must(t, s.TouchKeys(ctx(t), []uuid.UUID{keep}, at))
	must(t, s.TouchKeys(ctx(t), []uuid.UUID{keep}, at.Add(-time.Hour))) // never moves back
	if k, _ := s.KeyByHash(ctx(t), []byte("hash-keep")); k.LastUsedAt == nil || !k.LastUsedAt.Equal(at) {
		t.Errorf("last used %v, want %v", k.LastUsedAt, at)
	}
}

func testClientSettings(t *testing.T, s *store.Store) {
	client := newClient(t, s)
	got, err := s.GetClientSettings(ctx(t), client)
	must(t, err)
	if got.FaceBands != nil || got.RateLimitPerMinute != nil {
		t.Fatalf("a new client has settings %+v", got)
	}
	limit := 7
	want := store.ClientSettings{FaceBands: &store.FaceBands{AutoApprove: 0.9, Review: 0.5, MinLiveness: 0.3},
		RateLimitPerMinute: &limit}
	must(t, s.SetClientSettings(ctx(t), client, want))
	got, err = s.GetClientSettings(ctx(t), client)
	must(t, err)
	if got.FaceBands == nil || *got.FaceBands != *want.FaceBands || got.RateLimitPerMinute == nil || *got.RateLimitPerMinute != 7 {
		t.Fatalf("read back %+v", got)
	}
	if _, err := s.GetClientSettings(ctx(t), uuid.New()); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown client: %v, want ErrNotFound", err)
	}
}

func testEvents(t *testing.T, s *store.Store) {
	sess := newSession(t, s, newClient(t, s), "user-1")
	must(t, s.InsertEvent(ctx(t), sess.ID, "status", "PENDING", nil))
	must(t, s.InsertEvent(ctx(t), sess.ID, "status", "DOCUMENTS_UPLOADED", map[string]any{"documents": 2.0}))
	evs, err := s.ListEvents(ctx(t), sess.ID)
	must(t, err)
	if len(evs) != 2 || evs[0].Status != "PENDING" || evs[1].Status != "DOCUMENTS_UPLOADED" ||
		evs[1].Detail["documents"] != 2.0 || evs[0].ID >= evs[1].ID {
		t.Fatalf("events %+v", evs)
	}
}
