package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

func TestInitiateIdempotencyKey(t *testing.T) {
	f := newFixture(t)
	url := f.srv.BaseURL + "/v1/kyc/initiate"
	key := map[string]string{"Idempotency-Key": "retry-" + uuid.NewString()}
	body := `{"externalUserId":"idem-1","email":"a@b.co"}`

	status1, first, _ := do(t, "POST", url, f.keyA, body, key)
	status2, again, _ := do(t, "POST", url, f.keyA, body, key)
	if status1 != 201 || status2 != 200 {
		t.Fatalf("statuses %d then %d, want 201 then 200 (replayed)", status1, status2)
	}
	if first["kycSessionId"] != again["kycSessionId"] || mustJSON(t, first) != mustJSON(t, again) {
		t.Fatalf("retry answered %v, first was %v", again, first)
	}
	// Same key, another body: refused, nothing new.
	before := f.countSessions(t)
	status, _, raw := do(t, "POST", url, f.keyA, `{"externalUserId":"idem-2"}`, key)
	if status != 400 {
		t.Fatalf("reused key with another body: %d %s", status, raw)
	}
	checkErrorBody(t, status, raw)
	if f.countSessions(t) != before {
		t.Fatal("a session was created for a mismatched Idempotency-Key")
	}
	// Another client may use the same key for itself.
	if status, _, raw := do(t, "POST", url, f.keyB, body, key); status != 201 {
		t.Fatalf("client B with the same key: %d %s", status, raw)
	}
}

func TestInitiateIdempotencyKeyConcurrent(t *testing.T) {
	f := newFixture(t)
	key := map[string]string{"Idempotency-Key": "race-" + uuid.NewString()}
	var wg sync.WaitGroup
	ids := make([]any, 8)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, out, _ := do(t, "POST", f.srv.BaseURL+"/v1/kyc/initiate", f.keyA, `{"externalUserId":"race"}`, key)
			ids[i] = out["kycSessionId"]
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id == nil || id != ids[0] {
			t.Fatalf("concurrent retries got different sessions: %v", ids)
		}
	}
	var n int
	_ = f.srv.Store().Pool().QueryRow(context.Background(), "SELECT count(*) FROM kyc_sessions WHERE external_user_id = 'race'").Scan(&n)
	if n != 1 {
		t.Fatalf("%d sessions for one Idempotency-Key", n)
	}
}

// TestWatchKycStatus: the stream starts with the current state and ends when the session is superseded.
func TestWatchKycStatus(t *testing.T) {
	f := newFixture(t)
	client := kycv1.NewKycServiceClient(f.srv.Dial(t))
	ctx, cancel := context.WithTimeout(testserver.WithKey(context.Background(), f.keyA), 10*time.Second)
	defer cancel()
	stream, err := client.WatchKycStatus(ctx, &kycv1.WatchKycStatusRequest{KycSessionId: f.sessionA})
	if err != nil {
		t.Fatal(err)
	}
	first, err := stream.Recv()
	if err != nil || first.GetSession().GetStatus() != kycv1.KycStatus_PENDING {
		t.Fatalf("first message %v, %v", first, err)
	}
	// A change made elsewhere (a new initiate supersedes the watched session) is pushed.
	postJSON(t, f.srv.BaseURL+"/v1/kyc/initiate", f.keyA, `{"externalUserId":"owner-a"}`, nil)
	if _, err := stream.Recv(); err != nil {
		t.Fatalf("no update after supersede: %v", err)
	}
	// Then the stream ends: a superseded session changes no more.
	for {
		if _, err := stream.Recv(); err != nil {
			break
		}
	}
	// Another client's session cannot be watched.
	bctx := testserver.WithKey(context.Background(), f.keyB)
	s2, err := client.WatchKycStatus(bctx, &kycv1.WatchKycStatusRequest{KycSessionId: f.sessionA})
	if err == nil {
		_, err = s2.Recv()
	}
	if err == nil || !containsCode(err, "PermissionDenied") {
		t.Fatalf("watch of another client's session: %v", err)
	}
}

// TestConcurrentInitiatesOneOpenSession: racing initiates for one user all succeed and leave one open session.
func TestConcurrentInitiatesOneOpenSession(t *testing.T) {
	f := newFixture(t)
	var wg sync.WaitGroup
	statuses := make([]int, 10)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], _, _ = do(t, "POST", f.srv.BaseURL+"/v1/kyc/initiate", f.keyA, `{"externalUserId":"crowd"}`, nil)
		}()
	}
	wg.Wait()
	for _, s := range statuses {
		if s != 201 {
			t.Fatalf("statuses %v", statuses)
		}
	}
	var open, all int
	_ = f.srv.Store().Pool().QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE superseded_at IS NULL), count(*)
		FROM kyc_sessions WHERE external_user_id = 'crowd'`).Scan(&open, &all)
	if open != 1 || all != 10 {
		t.Fatalf("open=%d all=%d, want 1 and 10", open, all)
	}
}
