package browsertest_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/console/consoletest"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

const webhookSecret = "whsec_Y29uc29sZS1icm93c2VyLXRlc3Qtc2VjcmV0LTEyMzQ1Njc4"

// TestConsoleInBrowser: a reviewer signs in with an admin key (a client key is refused), opens the queue and a
// case the real pipeline put in review, sees every image load, approves with the keyboard; the API then says
// VERIFIED and the client's endpoint got kyc.status_changed. axe-core finds no serious violation on the
// sign-in, queue and case pages. Revoking the admin ends the browser's session at once. With
// KYC_CONSOLE_SCREENSHOTS=1 it writes docs/console-queue.png and docs/console-case.png.
func TestConsoleInBrowser(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed: make setup installs it (Debian package chromium)")
	}
	axe, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed (make setup runs npm ci here): %v", err)
	}
	srv := testserver.Start(t, testserver.WithWorkers())
	_, clientKey := srv.NewClient(t, "Acme Lending")
	adminID, adminKey := srv.NewAdmin(t, "Reviewer One")
	rcv := webhooktest.New(t, webhookSecret)
	consoletest.API(t, "PUT", srv.BaseURL+"/v1/webhooks", clientKey, `{"url":"`+rcv.URL+`","secret":"`+webhookSecret+`"}`, nil)

	// Synthetic cards with one person's photo and another person's selfie: the pipeline sends it to review.
	docs, err := kycdocs.Write(t.TempDir(), 301, "jimin.jpg", "tzuyu.jpg")
	if err != nil {
		t.Fatal(err)
	}
	sid := consoletest.Initiate(t, srv, clientKey, "priya-console")
	for path, file := range map[string]string{"pan": docs.PAN, "aadhaar/front": docs.AadhaarFront,
		"aadhaar/back": docs.AadhaarBack, "live-photo": docs.LivePhoto} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		consoletest.Upload(t, srv, clientKey, "priya-console", path, data, "image/jpeg")
	}
	waitStatus(t, srv, clientKey, sid, "PENDING_REVIEW", 120*time.Second)

	ctx := browser(t, chromium)
	origin := consoletest.Origin(srv)
	do(t, ctx, "client key refused",
		chromedp.Navigate(origin+"/console/login"),
		chromedp.SendKeys(chromedp.ID("apiKey"), clientKey),
		chromedp.Submit(chromedp.ID("apiKey")),
		chromedp.WaitVisible(chromedp.ID("login-error")))
	text := value(t, ctx, chromedp.Text(chromedp.ID("login-error")))
	if !strings.Contains(text, "cannot sign in") {
		t.Errorf("client key sign-in says %q", text)
	}
	checkA11y(t, ctx, axe, "sign-in")

	do(t, ctx, "sign in and open the queue",
		chromedp.SendKeys(chromedp.ID("apiKey"), adminKey),
		chromedp.Submit(chromedp.ID("apiKey")),
		chromedp.WaitVisible(chromedp.CSS("table.queue")))
	text = value(t, ctx, chromedp.Text(chromedp.CSS("table.queue tbody")))
	if !strings.Contains(text, "priya-console") || !strings.Contains(text, "Acme Lending") {
		t.Fatalf("queue shows %q", text)
	}
	checkA11y(t, ctx, axe, "queue")
	screenshot(t, ctx, "console-queue.png")

	do(t, ctx, "open the case", chromedp.Click(chromedp.CSS(`a[href="/console/sessions/`+sid+`"]`)),
		chromedp.WaitVisible(chromedp.ID("approve-form")))
	var widths []int
	deadline := time.Now().Add(30 * time.Second)
	for {
		widths = value(t, ctx, chromedp.Evaluate[[]int](
			`Array.from(document.querySelectorAll('.doc img')).map(i => i.complete ? i.naturalWidth : -1)`))
		if loaded(widths) || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(widths) != 4 || !loaded(widths) {
		t.Fatalf("document images' natural widths %v, want 4 above 0", widths)
	}
	checkA11y(t, ctx, axe, "case")
	screenshot(t, ctx, "console-case.png")
	// A tablet (800 px wide, portrait): the case reflows to one column, nothing scrolls sideways.
	do(t, ctx, "tablet width", chromedp.EmulateViewport(800, 1100))
	if w := value(t, ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`)); w[0] > w[1] {
		t.Errorf("at 800 px the case page is %d px wide", w[0])
	}
	do(t, ctx, "desktop width", chromedp.EmulateReset())

	do(t, ctx, "approve with the keyboard", chromedp.KeyEvent("a"), chromedp.WaitVisible(chromedp.CSS("p.empty")))
	where := value(t, ctx, chromedp.Location())
	if !strings.Contains(where, "/console/reviews") {
		t.Errorf("after the decision the browser is at %s", where)
	}
	waitStatus(t, srv, clientKey, sid, "VERIFIED", 10*time.Second)
	d := rcv.WaitFor(t, 30*time.Second, webhooktest.Event("kyc.status_changed", sid))
	if data := d.Payload["data"].(map[string]any); data["status"] != "VERIFIED" || len(d.Problems) > 0 {
		t.Errorf("webhook %v %v", data, d.Problems)
	}

	if _, err := apikeys.RevokeAdmin(t.Context(), srv.Store(), audit.Operator(), uuid.MustParse(adminID)); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "revoked admin", chromedp.Navigate(origin+"/console/reviews"), chromedp.WaitVisible(chromedp.ID("apiKey")))
	where = value(t, ctx, chromedp.Location())
	if !strings.HasSuffix(where, "/console/login") {
		t.Errorf("a revoked admin's browser is at %s", where)
	}
}

func loaded(widths []int) bool {
	for _, w := range widths {
		if w <= 0 {
			return false
		}
	}
	return len(widths) > 0
}

// browser starts a headless chromium with a fresh profile, 1280 px wide, with the flags that work on this
// machine (no sandbox as root, no background traffic).
func browser(t *testing.T, path string) context.Context {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1000),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

func do(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

func value[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// checkA11y injects axe-core into the page and fails on serious or critical WCAG 2 A/AA violations.
func checkA11y(t *testing.T, ctx context.Context, axe []byte, page string) {
	t.Helper()
	type violation struct {
		ID, Impact, Help string
		Nodes            []struct{ Target []any }
	}
	do(t, ctx, "inject axe into "+page, chromedp.Evaluate[chromedp.Void](string(axe)))
	res := value(t, ctx, chromedp.Evaluate[struct {
		Passes  int
		Serious []violation
	}](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
		.then(r => ({passes: r.passes.length,
			serious: r.violations.filter(v => v.impact === "serious" || v.impact === "critical")}))`, chromedp.EvalAwaitPromise))
	if res.Passes == 0 {
		t.Fatalf("%s page: axe checked nothing", page)
	}
	found := res.Serious
	for _, v := range found {
		t.Errorf("%s page: axe %s (%s): %s at %v", page, v.ID, v.Impact, v.Help, v.Nodes)
	}
}

// screenshot saves the page into docs/ when KYC_CONSOLE_SCREENSHOTS=1 (make console-screenshots).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if os.Getenv("KYC_CONSOLE_SCREENSHOTS") != "1" {
		return
	}
	png := value(t, ctx, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join("..", "..", "..", "docs", name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func waitStatus(t *testing.T, srv *testserver.Server, key, sid, want string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var st struct{ Status string }
	for {
		consoletest.API(t, "GET", srv.BaseURL+"/v1/kyc/status/"+sid, key, "", &st)
		if st.Status == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("session %s is %s after %v, want %s", sid, st.Status, timeout, want)
		}
		time.Sleep(300 * time.Millisecond)
	}
}
