package console_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/console/consoletest"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// TestConsoleSignInAndSafety: the sign-in page and its form, what cannot sign in (client keys, wrong keys: 401,
// then 429 past the per-address limit), the cookie's flags, the headers of every page, CSRF on every POST,
// sign-out, and a revoked admin losing a live session at once.
func TestConsoleSignInAndSafety(t *testing.T) {
	srv := testserver.Start(t, testserver.WithConfig(func(c *config.Config) { c.ConsoleSignInLimit = 3 }))
	_, clientKey := srv.NewClient(t, "Acme Lending")
	adminID, adminKey := srv.NewAdmin(t, "Reviewer One")

	b := consoletest.NewBrowser(t, srv)
	login := b.Get("/console/login")
	if login.Code != 200 || login.CSRF() == "" || !strings.Contains(login.Body, `name="apiKey"`) {
		t.Fatalf("login page: %d %s", login.Code, login.Body)
	}
	for h, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'", "X-Frame-Options": "DENY", "Cache-Control": "no-store",
	} {
		if got := login.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s: %q", h, got)
		}
	}
	if csp := login.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "http") {
		t.Errorf("CSP allows inline code or another origin: %s", csp)
	}
	if p := b.Get("/console/reviews"); p.Code != 303 || p.Header.Get("Location") != "/console/login" {
		t.Errorf("queue without a sign-in: %d %s", p.Code, p.Header.Get("Location"))
	}
	if p := b.Post("/console/login", url.Values{"apiKey": {adminKey}}); p.Code != 403 {
		t.Errorf("sign-in without csrf: %d", p.Code)
	}
	if p := b.SignIn(clientKey); p.Code != 401 || !strings.Contains(p.Body, "cannot sign in") {
		t.Errorf("client key: %d %s", p.Code, p.Body)
	}
	if p := b.SignIn("kyc_admin_wrong"); p.Code != 401 {
		t.Errorf("wrong key: %d", p.Code)
	}

	p := b.SignIn(adminKey)
	if p.Code != 303 || p.Header.Get("Location") != "/console/reviews" {
		t.Fatalf("admin sign-in: %d %s", p.Code, p.Body)
	}
	ck := strings.Join(p.Header.Values("Set-Cookie"), "\n")
	if !strings.Contains(ck, "kyc_console=") || !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Strict") {
		t.Errorf("session cookie: %s", ck)
	}
	queue := b.Get("/console/reviews")
	if queue.Code != 200 || !strings.Contains(queue.Body, "Reviewer One") {
		t.Fatalf("queue: %d", queue.Code)
	}
	if p := b.Post("/console/logout", url.Values{}); p.Code != 403 {
		t.Errorf("sign-out without csrf: %d", p.Code)
	}
	if p := b.Post("/console/logout", url.Values{"csrf": {"forged"}}); p.Code != 403 {
		t.Errorf("sign-out with a wrong csrf: %d", p.Code)
	}

	// The third failure from this address reached the limit: even the right key is refused for now.
	other := consoletest.NewBrowser(t, srv)
	other.SignIn("kyc_admin_wrong-again")
	if p := other.SignIn(adminKey); p.Code != 429 {
		t.Errorf("sign-in past the failure limit: %d", p.Code)
	}
	if _, err := srv.Store().Pool().Exec(t.Context(), `DELETE FROM console_sign_in_failures`); err != nil {
		t.Fatal(err)
	}

	// Sign-out ends the session on the server: the old cookie is worthless.
	out := b.Post("/console/logout", url.Values{"csrf": {queue.CSRF()}})
	if out.Code != 303 {
		t.Fatalf("sign-out: %d", out.Code)
	}
	if p := b.Get("/console/reviews"); p.Code != 303 {
		t.Errorf("queue after sign-out: %d", p.Code)
	}

	// A sign-in unused for longer than the idle timeout has ended.
	if p := b.SignIn(adminKey); p.Code != 303 {
		t.Fatalf("sign-in again: %d", p.Code)
	}
	if _, err := srv.Store().Pool().Exec(t.Context(), `UPDATE console_sessions SET last_seen_at = now() - interval '31 minutes'`); err != nil {
		t.Fatal(err)
	}
	if p := b.Get("/console/reviews"); p.Code != 303 {
		t.Errorf("queue after the idle timeout: %d", p.Code)
	}

	// A revoked admin loses a live session at once (no cache in the way).
	if p := b.SignIn(adminKey); p.Code != 303 {
		t.Fatalf("sign-in again: %d", p.Code)
	}
	if _, err := apikeys.RevokeAdmin(t.Context(), srv.Store(), audit.Operator(), uuid.MustParse(adminID)); err != nil {
		t.Fatal(err)
	}
	if p := b.Get("/console/reviews"); p.Code != 303 || p.Header.Get("Location") != "/console/login" {
		t.Errorf("queue after the admin's revocation: %d", p.Code)
	}
}

// TestConsoleDecisions: the queue lists the case, the case page shows it (audited) with its images served
// through the server (audited), a decision needs csrf, a stale generation is refused and the case reloaded
// saying why, and a decision with the page's generation goes through the same use-case as the API.
func TestConsoleDecisions(t *testing.T) {
	srv := testserver.Start(t)
	_, clientKey := srv.NewClient(t, "Acme Lending")
	adminID, adminKey := srv.NewAdmin(t, "Reviewer One")
	sid := consoletest.UploadedInReview(t, srv, clientKey, "console-user")
	second := consoletest.UploadedInReview(t, srv, clientKey, "console-user-2")

	b := consoletest.NewBrowser(t, srv)
	if p := b.SignIn(adminKey); p.Code != 303 {
		t.Fatalf("sign-in: %d", p.Code)
	}
	queue := b.Get("/console/reviews?reason=face_mismatch&env=live")
	if !strings.Contains(queue.Body, "/console/sessions/"+sid) || !strings.Contains(queue.Body, "face_mismatch") {
		t.Fatalf("queue lacks the case: %s", queue.Body)
	}
	if p := b.Get("/console/reviews?reason=liveness_low"); strings.Contains(p.Body, "/console/sessions/"+sid) {
		t.Errorf("the reason filter let another reason through")
	}
	page := b.Get("/console/sessions/" + sid)
	if page.Code != 200 || !strings.Contains(page.Body, `name="generation" value="1"`) ||
		!strings.Contains(page.Body, "PRIYA KUMARl") || !strings.Contains(page.Body, "differs") {
		t.Fatalf("case page: %d %s", page.Code, page.Body)
	}
	if !strings.Contains(page.Body, "auto-approve ≥") || !strings.Contains(page.Body, "Liveness (selfie)") {
		t.Errorf("case page lacks the scores against the bands")
	}
	img := b.Get("/console/sessions/" + sid + "/documents/LIVE_PHOTO")
	if img.Code != 200 || img.Header.Get("Content-Type") != "image/png" || img.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("selfie: %d %v", img.Code, img.Header)
	}
	var log struct{ Entries []map[string]any }
	consoletest.API(t, "GET", srv.BaseURL+"/v1/admin/audit?targetId="+sid, adminKey, "", &log)
	var actions []string
	for _, e := range log.Entries {
		if e["actorId"] != adminID {
			t.Errorf("entry %v", e)
		}
		actions = append(actions, e["action"].(string))
	}
	if strings.Join(actions, ",") != "kyc.document_viewed,kyc.viewed" {
		t.Errorf("reads audited: %v", actions)
	}

	csrf := page.CSRF()
	if p := b.Get("/console/audit?target=" + sid); p.Code != 200 || !strings.Contains(p.Body, "kyc.document_viewed") {
		t.Errorf("audit page: %d", p.Code)
	}
	if p := b.Post("/console/sessions/"+sid+"/approve", url.Values{"generation": {"1"}}); p.Code != 403 {
		t.Errorf("approve without csrf: %d", p.Code)
	}
	// The client swaps the selfie; the pipeline would bring the session back to review at generation 2.
	consoletest.Upload(t, srv, clientKey, "console-user", "live-photo", []byte(img.Body), "image/png")
	if _, err := srv.Store().Pool().Exec(t.Context(), `UPDATE kyc_sessions SET status = 'PENDING_REVIEW' WHERE id = $1`, sid); err != nil {
		t.Fatal(err)
	}
	stale := b.Post("/console/sessions/"+sid+"/approve", url.Values{"csrf": {csrf}, "generation": {"1"}})
	if stale.Code != 409 || !strings.Contains(stale.Body, "changed since you opened it") ||
		!strings.Contains(stale.Body, `name="generation" value="2"`) {
		t.Errorf("stale approval: %d %s", stale.Code, stale.Body)
	}
	if p := b.Post("/console/sessions/"+sid+"/reject", url.Values{"csrf": {csrf}, "generation": {"2"}}); p.Code != 400 {
		t.Errorf("rejection without a reason: %d", p.Code)
	}
	done := b.Post("/console/sessions/"+sid+"/reject", url.Values{"csrf": {csrf}, "generation": {"2"}, "reason": {"Selfie swapped."}})
	if done.Code != 303 || done.Header.Get("Location") != "/console/sessions/"+second {
		t.Errorf("decision: %d, next %q", done.Code, done.Header.Get("Location"))
	}
	var st map[string]any
	consoletest.API(t, "GET", srv.BaseURL+"/v1/kyc/status/"+sid, clientKey, "", &st)
	if st["status"] != "REJECTED" {
		t.Errorf("status after the console's rejection: %v", st["status"])
	}
	// The user's next session shows the rejected one among the earlier decisions.
	retry := consoletest.UploadedInReview(t, srv, clientKey, "console-user")
	if p := b.Get("/console/sessions/" + retry); !strings.Contains(p.Body, `href="/console/sessions/`+sid+`">Earlier session`) ||
		!strings.Contains(p.Body, "REJECTED") {
		t.Errorf("earlier decisions of the user missing: %s", p.Body)
	}
	again := b.Post("/console/sessions/"+sid+"/approve", url.Values{"csrf": {csrf}, "generation": {"2"}})
	if again.Code != 409 || !strings.Contains(again.Body, "already decided (REJECTED), by Reviewer One") {
		t.Errorf("second decision: %d", again.Code)
	}
}
