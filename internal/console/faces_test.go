package console_test

import (
	"bytes"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/enxtai/kyc/internal/console/consoletest"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// withFaces records face boxes in a session's card reading as the face step does (faceEvidence.faces): the
// card's face at 100,80 (120×150) on version 1 of its Aadhaar front and the selfie's at 100,100 (160×160).
func withFaces(t *testing.T, srv *testserver.Server, sid string) {
	t.Helper()
	reading := `{"aadhaarFront":{"fullName":{"value":"PRIYA KUMARI","confidence":0.9}},"faceEvidence":{"faces":{` +
		`"card":{"x":100,"y":80,"w":120,"h":150,"version":1},` +
		`"selfie":{"x":100,"y":100,"w":160,"h":160,"version":1}}}}`
	if _, err := srv.Store().Pool().Exec(t.Context(), `UPDATE kyc_sessions SET ocr_result = $2 WHERE id = $1`, sid, []byte(reading)); err != nil {
		t.Fatal(err)
	}
}

// TestConsoleFaceCrops: the case page shows the card's and the selfie's face crops with their scores against
// the bands; each crop is cut on the server from the stored document around the recorded box (its size
// follows from the box and the margin), served like a document image (signed-in only, no-store, audited as
// kyc.document_viewed marked "crop": "face"). A session processed before boxes were kept says so and its crops
// answer 404, as do a replaced image's, an unknown session's, a malformed id's and an unknown image name's.
// Reviewers work across clients: another client's session is served alike.
func TestConsoleFaceCrops(t *testing.T) {
	srv := testserver.Start(t)
	_, clientKey := srv.NewClient(t, "Acme Lending")
	_, otherKey := srv.NewClient(t, "Other Bank")
	adminID, adminKey := srv.NewAdmin(t, "Reviewer One")
	sid := consoletest.UploadedInReview(t, srv, clientKey, "crop-user")
	withFaces(t, srv, sid)
	old := consoletest.UploadedInReview(t, srv, clientKey, "old-user") // processed before boxes were kept
	other := consoletest.UploadedInReview(t, srv, otherKey, "other-user")
	withFaces(t, srv, other)

	anon := consoletest.NewBrowser(t, srv)
	if p := anon.Get("/console/sessions/" + sid + "/faces/card"); p.Code != 401 {
		t.Errorf("a crop without a sign-in: %d", p.Code)
	}
	b := consoletest.NewBrowser(t, srv)
	if p := b.SignIn(adminKey); p.Code != 303 {
		t.Fatalf("sign-in: %d", p.Code)
	}
	page := b.Get("/console/sessions/" + sid)
	for _, want := range []string{`src="/console/sessions/` + sid + `/faces/card"`, `src="/console/sessions/` + sid + `/faces/selfie"`,
		"face match <span class=\"num\">0.31</span>: below the review band", "liveness <span class=\"num\">0.90</span>: passes"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("case page lacks %s", want)
		}
	}
	if strings.Contains(page.Body, `data-face="qr"`) {
		t.Error("a QR crop on a session without a Secure QR photo")
	}

	for _, c := range []struct {
		ref  string
		w, h int // the box widened by 35% on each side
	}{{"card", 120 + 2*42, 150 + 2*52}, {"selfie", 160 + 2*56, 160 + 2*56}} {
		img := b.Get("/console/sessions/" + sid + "/faces/" + c.ref)
		if img.Code != 200 || img.Header.Get("Content-Type") != "image/jpeg" || img.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("%s crop: %d %v %s", c.ref, img.Code, img.Header, img.Body)
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader([]byte(img.Body)))
		if err != nil || cfg.Width != c.w || cfg.Height != c.h {
			t.Errorf("%s crop %dx%d (%v), want %dx%d", c.ref, cfg.Width, cfg.Height, err, c.w, c.h)
		}
	}
	var log struct{ Entries []map[string]any }
	consoletest.API(t, "GET", srv.BaseURL+"/v1/admin/audit?targetId="+sid+"&action=kyc.document_viewed", adminKey, "", &log)
	crops := map[string]bool{}
	for _, e := range log.Entries {
		d, _ := e["detail"].(map[string]any)
		if e["actorId"] == adminID && d["crop"] == "face" {
			crops[d["documentType"].(string)] = true
		}
	}
	if !crops["AADHAAR_FRONT"] || !crops["LIVE_PHOTO"] || len(log.Entries) != 2 {
		t.Errorf("crops audited: %v", log.Entries)
	}

	if p := b.Get("/console/sessions/" + old); !strings.Contains(p.Body, "No crop recorded") ||
		strings.Contains(p.Body, "/faces/") || !strings.Contains(p.Body, "/documents/AADHAAR_FRONT") {
		t.Errorf("a case from before boxes were kept: no note, or crops, or no full images")
	}
	for path, want := range map[string]int{
		"/console/sessions/" + old + "/faces/card":                          404,
		"/console/sessions/" + sid + "/faces/qr":                            404, // no Secure QR photo
		"/console/sessions/" + sid + "/faces/pan":                           404,
		"/console/sessions/6f1d7c1e-3b7a-4d44-9c52-1f0e8f3c2b10/faces/card": 404,
		"/console/sessions/not-a-uuid/faces/card":                           404,
		"/console/sessions/" + other + "/faces/selfie":                      200,
	} {
		if p := b.Get(path); p.Code != want {
			t.Errorf("GET %s: %d, want %d", path, p.Code, want)
		}
	}
	consoletest.API(t, "GET", srv.BaseURL+"/v1/admin/audit?targetId="+old, adminKey, "", &log)
	for _, e := range log.Entries {
		if e["action"] == "kyc.document_viewed" {
			t.Errorf("a crop that was not served was audited: %v", e)
		}
	}

	// The client replaces the selfie: the recorded box was found on version 1, so there is no crop of version 2.
	consoletest.Upload(t, srv, clientKey, "crop-user", "live-photo", []byte(b.Get("/console/sessions/"+sid+"/documents/LIVE_PHOTO").Body), "image/png")
	if p := b.Get("/console/sessions/" + sid + "/faces/selfie"); p.Code != 404 {
		t.Errorf("a crop of a replaced selfie: %d", p.Code)
	}
	if p := b.Get("/console/sessions/" + sid + "/faces/card"); p.Code != 200 {
		t.Errorf("the card's crop after the selfie was replaced: %d", p.Code)
	}
}

// TestConsoleCaseNeighbours: a case page links its previous and next case in the queue's order (oldest
// first); the first has no previous, the last no next, and a decided case keeps its neighbours by age.
func TestConsoleCaseNeighbours(t *testing.T) {
	srv := testserver.Start(t)
	_, clientKey := srv.NewClient(t, "Acme Lending")
	_, adminKey := srv.NewAdmin(t, "Reviewer One")
	var ids []string
	for _, u := range []string{"first", "second", "third"} {
		ids = append(ids, consoletest.UploadedInReview(t, srv, clientKey, "queue-"+u))
	}
	b := consoletest.NewBrowser(t, srv)
	if p := b.SignIn(adminKey); p.Code != 303 {
		t.Fatalf("sign-in: %d", p.Code)
	}
	link := func(id, rel string) string {
		if id == "" {
			return ""
		}
		return `href="/console/sessions/` + id + `" id="` + rel + `-case"`
	}
	check := func(at, prev, next string) {
		t.Helper()
		p := b.Get("/console/sessions/" + at)
		for rel, id := range map[string]string{"prev": prev, "next": next} {
			has := strings.Contains(p.Body, `id="`+rel+`-case"`)
			if has != (id != "") || (id != "" && !strings.Contains(p.Body, link(id, rel))) {
				t.Errorf("case %s: %s link wrong (want %q)", at, rel, id)
			}
		}
	}
	check(ids[0], "", ids[1])
	check(ids[1], ids[0], ids[2])
	check(ids[2], ids[1], "")
	if _, err := srv.Store().Pool().Exec(t.Context(), `UPDATE kyc_sessions SET status = 'VERIFIED' WHERE id = $1`, ids[1]); err != nil {
		t.Fatal(err)
	}
	check(ids[0], "", ids[2])
	check(ids[1], ids[0], ids[2])
}
