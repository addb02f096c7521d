package kyc

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
)

var client = Caller{ClientID: uuid.MustParse("0b7f0a52-1111-4c1e-9d53-2d3c2b1a0f01"), Environment: "live"}

func session(status Status, gen int) store.Session {
	return store.Session{ClientID: client.ClientID, Environment: client.Environment, ExternalUserID: "user-1",
		Status: string(status), Progress: Progress(status, 4), Generation: gen}
}

// TestDecide: a reviewer's decision moves the session, writes the history, the webhook and the audit entry
// together; a refused decision writes nothing.
func TestDecide(t *testing.T) {
	ctx := context.Background()
	admin := audit.Actor{Type: audit.ActorAdmin, ID: "admin-7"}
	cases := []struct {
		name       string
		from       Status
		approve    bool
		want       Status
		wantEvent  string
		wantAction string
		errHas     string
	}{
		{"approve from review", StatusPendingReview, true, StatusVerified, "kyc.approved", audit.ActionSessionApproved, ""},
		{"reject from review", StatusPendingReview, false, StatusRejected, "kyc.rejected", audit.ActionSessionRejected, ""},
		{"reject an auto-approval", StatusFaceVerified, false, StatusRejected, "kyc.rejected", audit.ActionSessionRejected, ""},
		{"decided already", StatusVerified, false, StatusVerified, "", "", "already decided (VERIFIED)"},
		{"still processing", StatusOCRCompleted, true, StatusOCRCompleted, "", "", "not awaiting a decision"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture()
			sess := f.store.add(session(c.from, 2))
			got, err := f.svc.Decide(ctx, admin, sess.ID, Decision{Approve: c.approve, Reason: "checked by hand"})
			row := f.store.sessions[sess.ID]
			if Status(row.Status) != c.want {
				t.Fatalf("stored status %s, want %s", row.Status, c.want)
			}
			if c.errHas != "" {
				e, ok := apperr.As(err)
				if !ok || e.Kind != apperr.FailedState || !strings.Contains(e.Message, c.errHas) {
					t.Fatalf("got %v, want a FailedState with %q", err, c.errHas)
				}
				if len(f.store.events)+len(f.store.audit)+len(f.outbox.events) != 0 {
					t.Fatal("a refused decision wrote something")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != c.want || got.Progress != 100 || got.DecidedAt == nil {
				t.Fatalf("returned %+v", got)
			}
			if kinds := f.store.eventKinds(sess.ID); !reflect.DeepEqual(kinds, []string{c.wantEvent}) {
				t.Fatalf("history %v", kinds)
			}
			if !reflect.DeepEqual(f.outbox.events, []string{"kyc.status_changed " + string(c.want)}) {
				t.Fatalf("webhooks %v", f.outbox.events)
			}
			if len(f.store.audit) != 1 || f.store.audit[0].Action != c.wantAction || f.store.audit[0].ActorID != "admin-7" ||
				f.store.audit[0].Detail["reason"] != "checked by hand" || f.store.audit[0].Detail["from"] != string(c.from) {
				t.Fatalf("audit %+v", f.store.audit)
			}
		})
	}
	t.Run("unknown session", func(t *testing.T) {
		_, err := newFixture().svc.Decide(ctx, admin, uuid.New(), Decision{Approve: true})
		if !errors.Is(err, ErrSessionNotFound) {
			t.Fatalf("got %v", err)
		}
	})
}

// TestCompleteMatching: the face step's measurement and the stored card reading decide the run; a stale or
// repeated step changes nothing.
func TestCompleteMatching(t *testing.T) {
	ctx := context.Background()
	score := 0.93
	clean := `{"pan":{"findings":[]},"aadhaarFront":{"findings":[]},"aadhaarBack":{"findings":[]},"crossCheck":[]}`
	warned := `{"pan":{"findings":[{"code":"low_confidence","severity":"warning","message":"blurred"}]}}`
	cases := []struct {
		name        string
		status      Status
		gen         int // the step's run; the session is in run 3
		ocr         string
		face        FaceCheck
		want        Status
		wantReasons []string
	}{
		{"clean run approved", StatusOCRCompleted, 3, clean, FaceCheck{Passed: true, FaceMatchScore: &score}, StatusFaceVerified, []string{}},
		{"card warning to review", StatusOCRCompleted, 3, warned, FaceCheck{Passed: true, FaceMatchScore: &score}, StatusPendingReview, []string{"low_confidence"}},
		{"face reason to review", StatusOCRCompleted, 3, clean,
			FaceCheck{Reasons: []Reason{{Code: "face_mismatch", Message: "no"}}}, StatusPendingReview, []string{"face_mismatch"}},
		{"reading missing", StatusOCRCompleted, 3, "", FaceCheck{Passed: true}, StatusPendingReview, []string{"ocr_result_missing"}},
		{"stale run", StatusOCRCompleted, 2, clean, FaceCheck{Passed: true}, StatusOCRCompleted, nil},
		{"repeated step", StatusFaceVerified, 3, clean, FaceCheck{Passed: true}, StatusFaceVerified, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture()
			s := session(c.status, 3)
			if c.ocr != "" {
				s.OCRResult = []byte(c.ocr)
			}
			sess := f.store.add(s)
			if err := f.svc.CompleteMatching(ctx, sess.ID, c.gen, c.face); err != nil {
				t.Fatal(err)
			}
			row := f.store.sessions[sess.ID]
			if Status(row.Status) != c.want {
				t.Fatalf("status %s, want %s", row.Status, c.want)
			}
			if c.wantReasons == nil {
				if len(f.store.events) != 0 || len(f.outbox.events) != 0 {
					t.Fatal("a stale or repeated step wrote something")
				}
				return
			}
			codes := []string{}
			for _, r := range reasonsOf(t, row.ReviewReasons) {
				codes = append(codes, r.Code)
			}
			if !reflect.DeepEqual(codes, c.wantReasons) {
				t.Fatalf("reasons %v, want %v", codes, c.wantReasons)
			}
			if row.Progress != 100 || row.DecidedAt == nil || !reflect.DeepEqual(f.outbox.events,
				[]string{"kyc.verification_completed " + string(c.want)}) {
				t.Fatalf("row %+v, webhooks %v", row, f.outbox.events)
			}
			if (c.face.FaceMatchScore == nil) != (row.FaceMatchScore == nil) {
				t.Fatalf("face score %v not recorded", row.FaceMatchScore)
			}
		})
	}
}

// TestProcessingSteps: reading the cards moves the run on and queues the face step of the same run; a failed
// run goes to review with the reason; steps of an older run do nothing.
func TestProcessingSteps(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	sess := f.store.add(session(StatusDocumentsUploaded, 5))
	if err := f.svc.CompleteReading(ctx, sess.ID, 4, ExtractedData{PanNumber: "ABCDE1234F"}, map[string]any{}, nil); err != nil {
		t.Fatal(err)
	}
	if f.store.sessions[sess.ID].Status != string(StatusDocumentsUploaded) || len(f.jobs.queued) != 0 {
		t.Fatal("a stale reading moved the run")
	}
	if err := f.svc.CompleteReading(ctx, sess.ID, 5, ExtractedData{PanNumber: "ABCDE1234F"}, map[string]any{"pan": 1}, nil); err != nil {
		t.Fatal(err)
	}
	row := f.store.sessions[sess.ID]
	if row.Status != string(StatusOCRCompleted) || row.Progress != 70 || string(row.OCRResult) != `{"pan":1}` ||
		!strings.Contains(string(row.ExtractedData), `"panNumber":"ABCDE1234F"`) {
		t.Fatalf("after reading: %+v", row)
	}
	if len(f.jobs.queued) != 1 || f.jobs.queued[0] != (jobs.MatchFaceArgs{SessionID: sess.ID, Generation: 5}) {
		t.Fatalf("queued %v", f.jobs.queued)
	}
	if err := f.svc.FailProcessing(ctx, sess.ID, 5, "processing_failed", "Automatic processing failed (x)."); err != nil {
		t.Fatal(err)
	}
	row = f.store.sessions[sess.ID]
	rs := reasonsOf(t, row.ReviewReasons)
	if row.Status != string(StatusPendingReview) || len(rs) != 1 || rs[0].Code != "processing_failed" {
		t.Fatalf("after failing: %s %v", row.Status, rs)
	}
	if kinds := f.store.eventKinds(sess.ID); !reflect.DeepEqual(kinds, []string{"kyc.ocr_completed", "kyc.verification_completed"}) {
		t.Fatalf("history %v", kinds)
	}
}

// TestInitiate: a new session supersedes the user's open one; an Idempotency-Key replays the first answer and
// refuses another body.
func TestInitiate(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	old := f.store.add(session(StatusPending, 0))
	in := InitiateInput{ExternalUserID: "user-1", Email: "a@example.com"}
	first, err := f.svc.Initiate(ctx, client, in, "key-1")
	if err != nil {
		t.Fatal(err)
	}
	if first.Status != StatusPending || first.Replayed || first.SessionID == old.ID {
		t.Fatalf("first %+v", first)
	}
	if f.store.sessions[old.ID].SupersededAt == nil {
		t.Fatal("the open session was not superseded")
	}
	again, err := f.svc.Initiate(ctx, client, in, "key-1")
	if err != nil || !again.Replayed || again.SessionID != first.SessionID {
		t.Fatalf("replay %+v %v", again, err)
	}
	if len(f.store.sessions) != 2 {
		t.Fatalf("%d sessions, want 2", len(f.store.sessions))
	}
	in.Email = "b@example.com"
	if _, err := f.svc.Initiate(ctx, client, in, "key-1"); !errors.Is(err, ErrIdempotencyMismatch) {
		t.Fatalf("another body: %v", err)
	}
	if _, err := f.svc.Initiate(ctx, client, in, strings.Repeat("k", 256)); err == nil {
		t.Fatal("a 256-character key was accepted")
	}
}

// TestSessionAccess: a client sees its own sessions of its environment only.
func TestSessionAccess(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	sess := f.store.add(session(StatusPending, 0))
	cases := []struct {
		name    string
		caller  Caller
		id      uuid.UUID
		wantErr error
	}{
		{"owner", client, sess.ID, nil},
		{"another client", Caller{ClientID: uuid.New(), Environment: "live"}, sess.ID, ErrForbidden},
		{"the owner's sandbox", Caller{ClientID: client.ClientID, Environment: "test"}, sess.ID, ErrSessionNotFound},
		{"unknown", client, uuid.New(), ErrSessionNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := f.svc.Session(ctx, c.caller, c.id)
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("got %v, want %v", err, c.wantErr)
			}
			if err == nil && (got.ID != sess.ID || got.Status != StatusPending) {
				t.Fatalf("got %+v", got)
			}
		})
	}
}

// TestReviewsPaging: the queue pages oldest first with tokens, to the end, with no session twice.
func TestReviewsPaging(t *testing.T) {
	ctx := context.Background()
	f := newFixture()
	f.store.clients[client.ClientID] = "Acme"
	var want []uuid.UUID
	for range 5 {
		want = append(want, f.store.add(session(StatusPendingReview, 1)).ID)
	}
	f.store.add(session(StatusVerified, 1)) // not in the queue
	var got []uuid.UUID
	token, pages := "", 0
	for {
		p, err := f.svc.Reviews(ctx, ReviewFilter{Limit: 2}, token)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, it := range p.Sessions {
			if it.ClientName != "Acme" || it.Status != StatusPendingReview {
				t.Fatalf("item %+v", it)
			}
			got = append(got, it.ID)
		}
		if p.Next == "" {
			break
		}
		token = p.Next
	}
	if pages != 3 || !reflect.DeepEqual(got, want) {
		t.Fatalf("%d pages, sessions %v, want 3 pages of %v", pages, got, want)
	}
	p, err := f.svc.Reviews(ctx, ReviewFilter{Status: StatusVerified}, "")
	if err != nil || len(p.Sessions) != 1 || p.Next != "" {
		t.Fatalf("verified: %+v %v", p, err)
	}
	for _, bad := range []string{"!!", "e30"} { // not base64; {} (no time)
		if _, err := f.svc.Reviews(ctx, ReviewFilter{}, bad); err == nil {
			t.Errorf("token %q accepted", bad)
		}
	}
}

// TestMoveRefusesWhatTheStateMachineForbids: the one function that writes statuses checks every move.
func TestMoveRefusesWhatTheStateMachineForbids(t *testing.T) {
	f := newFixture()
	sess := f.store.add(session(StatusVerified, 1))
	err := f.store.InTx(context.Background(), func(tx Tx) error {
		_, err := f.svc.move(context.Background(), tx, sessionOf(sess), change{to: StatusDocumentsUploaded, event: "x"})
		return err
	})
	if err == nil || f.store.sessions[sess.ID].Status != string(StatusVerified) {
		t.Fatalf("moved a verified session back: %v", err)
	}
}
