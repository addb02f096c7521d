package consoletest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/enxtai/kyc/internal/testkit/images"
	"github.com/enxtai/kyc/internal/testkit/testserver"
)

// Origin is the server's HTTP origin (BaseURL without /api).
func Origin(srv *testserver.Server) string { return strings.TrimSuffix(srv.BaseURL, "/api") }

// Browser is an HTTP client with cookies that does not follow redirects, as a test of a console wants.
type Browser struct {
	T      testing.TB
	Origin string
	C      *http.Client
}

// NewBrowser returns a fresh browser (no cookies) for the server.
func NewBrowser(t testing.TB, srv *testserver.Server) *Browser {
	jar, _ := cookiejar.New(nil)
	return &Browser{T: t, Origin: Origin(srv), C: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Page is an answer: status, headers and body.
type Page struct {
	Code   int
	Header http.Header
	Body   string
}

// Get fetches a path.
func (b *Browser) Get(path string) Page {
	b.T.Helper()
	resp, err := b.C.Get(b.Origin + path)
	return b.read(resp, err)
}

// Post posts a form.
func (b *Browser) Post(path string, form url.Values) Page {
	b.T.Helper()
	resp, err := b.C.PostForm(b.Origin+path, form)
	return b.read(resp, err)
}

func (b *Browser) read(resp *http.Response, err error) Page {
	b.T.Helper()
	if err != nil {
		b.T.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return Page{Code: resp.StatusCode, Header: resp.Header, Body: string(raw)}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// CSRF is the csrf hidden field of a page.
func (p Page) CSRF() string {
	m := csrfField.FindStringSubmatch(p.Body)
	if m == nil {
		return ""
	}
	return m[1]
}

// SignIn signs in with a key through the form and returns the answer to the POST.
func (b *Browser) SignIn(key string) Page {
	b.T.Helper()
	form := b.Get("/console/login")
	return b.Post("/console/login", url.Values{"apiKey": {key}, "csrf": {form.CSRF()}})
}

// UploadedInReview initiates a session for user, uploads four generated images and puts it where the pipeline
// leaves a session for a reviewer (PENDING_REVIEW with reasons, scores and read fields), without running it.
func UploadedInReview(t testing.TB, srv *testserver.Server, key, user string) string {
	t.Helper()
	sid := Initiate(t, srv, key, user)
	for i, doc := range []string{"pan", "aadhaar/front", "aadhaar/back"} {
		Upload(t, srv, key, user, doc, images.JPEG(640, 400, 80, uint64(11+i)), "image/jpeg")
	}
	Upload(t, srv, key, user, "live-photo", images.PNG(400, 400, 14), "image/png")
	_, err := srv.Store().Pool().Exec(context.Background(), `
		UPDATE kyc_sessions SET status = 'PENDING_REVIEW', progress = 100, face_match_score = 0.31, liveness_score = 0.9,
			extracted_data = '{"panNumber":"ABCPK1234F","fullName":"PRIYA KUMARI","dateOfBirth":"1990-01-15"}',
			ocr_result = '{"pan":{"fullName":{"value":"PRIYA KUMARI","confidence":0.93}},"aadhaarFront":{"fullName":{"value":"PRIYA KUMARl","confidence":0.55}}}',
			review_reasons = '[{"code":"face_mismatch","message":"The selfie does not match the Aadhaar photo."}]'
		WHERE id = $1`, sid)
	if err != nil {
		t.Fatal(err)
	}
	return sid
}

// Initiate starts a session over REST.
func Initiate(t testing.TB, srv *testserver.Server, key, user string) string {
	t.Helper()
	req, _ := http.NewRequest("POST", srv.BaseURL+"/v1/kyc/initiate",
		strings.NewReader(`{"externalUserId":"`+user+`","metadata":{"crm":"lead-4711"}}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", key)
	var out struct{ KycSessionID string }
	doJSON(t, req, &out)
	return out.KycSessionID
}

// Upload posts one document as the guide's multipart form (path: pan, aadhaar/front, aadhaar/back, live-photo).
func Upload(t testing.TB, srv *testserver.Server, key, user, path string, data []byte, ctype string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("externalUserId", user)
	w, _ := mw.CreatePart(map[string][]string{
		"Content-Disposition": {`form-data; name="file"; filename="doc"`}, "Content-Type": {ctype}})
	_, _ = w.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", srv.BaseURL+"/v1/kyc/upload/"+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-API-Key", key)
	doJSON(t, req, nil)
}

// API calls the REST API with a key and decodes a 2xx answer into out (when not nil).
func API(t testing.TB, method, rawURL, key, body string, out any) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, rawURL, r)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", key)
	doJSON(t, req, out)
}

func doJSON(t testing.TB, req *http.Request, out any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		t.Fatalf("%s %s: %d %s", req.Method, req.URL, resp.StatusCode, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v", req.Method, req.URL, err)
		}
	}
}
