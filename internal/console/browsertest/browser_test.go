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
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/console/consoletest"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

const webhookSecret = "whsec_Y29uc29sZS1icm93c2VyLXRlc3Qtc2VjcmV0LTEyMzQ1Njc4"

// TestConsoleInBrowser: a reviewer signs in with an admin key (a client key is refused), opens the queue and
// the older of two cases the real pipeline put in review (its Aadhaar back carries a Secure QR with a photo),
// sees every image load, the three face crops the pipeline recorded (card, QR photo, selfie) among them, goes
// to the next case with j and back with k, approves with the keyboard and lands on the next case; the API then
// says VERIFIED and the client's endpoint got kyc.status_changed. axe-core finds no serious violation on the
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
	cert := filepath.Join(t.TempDir(), "uidai-test.pem")
	if err := cardkit.WriteQRTestCert(cert); err != nil {
		t.Fatal(err)
	}
	srv := testserver.Start(t, testserver.WithWorkers(), testserver.WithConfig(func(c *config.Config) { c.AadhaarQRCerts = cert }))
	_, clientKey := srv.NewClient(t, "Acme Lending")
	adminID, adminKey := srv.NewAdmin(t, "Reviewer One")
	rcv := webhooktest.New(t, webhookSecret)
	consoletest.API(t, "PUT", srv.BaseURL+"/v1/webhooks", clientKey, `{"url":"`+rcv.URL+`","secret":"`+webhookSecret+`"}`, nil)

	// Synthetic cards with one person's photo and another person's selfie: the pipeline sends both to review.
	// The first (older) has a Secure QR carrying the card's photo (jimin6.jpg: a face the detector finds even
	// in the QR's small JPEG 2000 photo, as in internal/app's QR test); the second has none.
	docs, err := kycdocs.WriteQR(t.TempDir(), 301, "jimin6.jpg", "tzuyu.jpg", cardkit.QRValid, "", "")
	if err != nil {
		t.Fatal(err)
	}
	sid := submit(t, srv, clientKey, "priya-console", docs)
	docs2, err := kycdocs.Write(t.TempDir(), 302, "bona.jpg", "joy.jpg")
	if err != nil {
		t.Fatal(err)
	}
	second := submit(t, srv, clientKey, "rahul-console", docs2)
	waitStatus(t, srv, clientKey, sid, "PENDING_REVIEW", 180*time.Second)
	waitStatus(t, srv, clientKey, second, "PENDING_REVIEW", 120*time.Second)

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
	if widths := imageWidths(t, ctx, ".doc img"); len(widths) != 5 || !loaded(widths) {
		t.Fatalf("document images' natural widths %v, want 5 (4 uploads and the QR photo) above 0", widths)
	}
	faces := value(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.crop img')).map(i => i.closest('.crop').dataset.face)`))
	if widths := imageWidths(t, ctx, ".crop img"); strings.Join(faces, ",") != "card,qr,selfie" || !loaded(widths) {
		notes := value(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.crop')).map(f => f.innerText)`))
		t.Fatalf("face crops %v, natural widths %v: want card, qr and selfie above 0 (the crops say %q)", faces, widths, notes)
	}
	checkA11y(t, ctx, axe, "case")
	screenshot(t, ctx, "console-case.png")
	// A tablet (800 px wide, portrait): the case reflows to one column, nothing scrolls sideways.
	do(t, ctx, "tablet width", chromedp.EmulateViewport(800, 1100))
	if w := value(t, ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`)); w[0] > w[1] {
		t.Errorf("at 800 px the case page is %d px wide", w[0])
	}
	do(t, ctx, "desktop width", chromedp.EmulateReset())

	// j opens the next case (the second, without a QR: no QR crop), k from there the first again.
	do(t, ctx, "next case with j", chromedp.KeyEvent("j"), waitAt(second), chromedp.WaitVisible(chromedp.ID("prev-case")))
	faces = value(t, ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.crop')).map(f => f.dataset.face)`))
	if widths := imageWidths(t, ctx, ".crop img"); strings.Join(faces, ",") != "card,selfie" || len(widths) != 2 || !loaded(widths) {
		t.Errorf("second case's crops %v, natural widths %v: want card and selfie", faces, widths)
	}
	// k is the previous case in the queue, not the browser's back: open the second case from the queue (back
	// would return there) and press k.
	do(t, ctx, "second case from the queue", chromedp.Navigate(origin+"/console/reviews"),
		chromedp.Click(chromedp.CSS(`a[href="/console/sessions/`+second+`"]`)), waitAt(second))
	do(t, ctx, "previous case with k", chromedp.KeyEvent("k"), waitAt(sid), chromedp.WaitVisible(chromedp.ID("approve-form")))

	// Approving moves on to the next case in the queue: the second.
	do(t, ctx, "approve with the keyboard", chromedp.KeyEvent("a"), waitAt(second), chromedp.WaitVisible(chromedp.ID("approve-form")))
	waitStatus(t, srv, clientKey, sid, "VERIFIED", 10*time.Second)
	do(t, ctx, "approve the last case", chromedp.KeyEvent("a"), chromedp.WaitVisible(chromedp.CSS("p.empty")))
	where := value(t, ctx, chromedp.Location())
	if !strings.Contains(where, "/console/reviews") {
		t.Errorf("after the last decision the browser is at %s", where)
	}
	waitStatus(t, srv, clientKey, second, "VERIFIED", 10*time.Second)
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

// submit starts a session for user and uploads the kit's four documents.
func submit(t *testing.T, srv *testserver.Server, key, user string, docs kycdocs.Set) string {
	t.Helper()
	sid := consoletest.Initiate(t, srv, key, user)
	for path, file := range map[string]string{"pan": docs.PAN, "aadhaar/front": docs.AadhaarFront,
		"aadhaar/back": docs.AadhaarBack, "live-photo": docs.LivePhoto} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		consoletest.Upload(t, srv, key, user, path, data, "image/jpeg")
	}
	return sid
}

// imageWidths waits up to 30 s for the images matching css to finish loading and returns their natural
// widths (0: failed to load; -1: still loading at the deadline).
func imageWidths(t *testing.T, ctx context.Context, css string) []int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		widths := value(t, ctx, chromedp.Evaluate[[]int](
			`Array.from(document.querySelectorAll('`+css+`')).map(i => i.complete ? i.naturalWidth : -1)`))
		if loaded(widths) || time.Now().After(deadline) {
			return widths
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// waitAt waits until the browser shows the case page of session id.
func waitAt(id string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.CSS(`.case-head[data-session="` + id + `"]`))
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
