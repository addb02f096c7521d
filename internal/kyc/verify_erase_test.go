package kyc

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
)

// TestVerifyRestartsReview: verify re-runs a session in review as a new run (generation +1, first job queued)
// and refuses one whose documents are incomplete, naming what is missing.
func TestVerifyRestartsReview(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	f.svc.hub = NewHub(nil, nil) // subscriptions only; nothing listens
	sess := f.store.add(session(StatusPendingReview, 2))
	for _, d := range RequiredDocuments {
		if _, err := f.store.PutDocument(ctx, store.Document{SessionID: sess.ID, Type: string(d), ObjectKey: "k-" + string(d)}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.svc.Verify(ctx, client, sess.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != StatusDocumentsUploaded || got.Generation != 3 || got.Progress != 40 {
		t.Fatalf("after verify: %+v", got)
	}
	if len(f.jobs.queued) != 1 || f.jobs.queued[0] != (jobs.ReadCardsArgs{SessionID: sess.ID, Generation: 3}) {
		t.Fatalf("queued %v", f.jobs.queued)
	}
	if len(f.outbox.events) != 0 {
		t.Fatalf("a re-run told the client documents were uploaded again: %v", f.outbox.events)
	}

	partial := f.store.add(session(StatusPending, 0))
	if _, err := f.store.PutDocument(ctx, store.Document{SessionID: partial.ID, Type: string(DocPAN), ObjectKey: "k"}); err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Verify(ctx, client, partial.ID, 0)
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.FailedState || !strings.Contains(e.Message, "AADHAAR_FRONT, AADHAAR_BACK, LIVE_PHOTO") {
		t.Fatalf("incomplete documents: %v", err)
	}
}

// TestErase: an erasure leaves an audited tombstone, and repeating it changes nothing.
func TestErase(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	s := session(StatusPendingReview, 1)
	s.Email, s.ExtractedData = "a@example.com", []byte(`{"panNumber":"ABCDE1234F"}`)
	sess := f.store.add(s)
	actor := audit.Actor{Type: audit.ActorClient, ID: client.ClientID.String()}
	out, err := f.svc.Erase(ctx, client, actor, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if out.Session.ErasedAt == nil || out.Session.Email != "" || out.Session.ExtractedData != nil ||
		out.Session.Status != StatusPendingReview {
		t.Fatalf("tombstone %+v", out.Session)
	}
	if kinds := f.store.eventKinds(sess.ID); !reflect.DeepEqual(kinds, []string{"kyc.erased"}) {
		t.Fatalf("history %v", kinds)
	}
	if len(f.store.audit) != 1 || f.store.audit[0].Action != audit.ActionSessionErased {
		t.Fatalf("audit %+v", f.store.audit)
	}
	again, err := f.svc.Erase(ctx, client, actor, sess.ID)
	if err != nil || !again.Session.ErasedAt.Equal(*out.Session.ErasedAt) || len(f.store.audit) != 1 {
		t.Fatalf("second erasure: %+v %v", again, err)
	}
	if _, err := f.svc.Decide(ctx, audit.Actor{Type: audit.ActorAdmin, ID: "a"}, sess.ID, Decision{Approve: true}); !errors.Is(err, errErased) {
		t.Fatalf("deciding an erased session: %v", err)
	}
}
