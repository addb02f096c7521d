package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/enxtai/kyc/internal/testkit/kycdocs"
)

// stats collects what the clients saw.
type stats struct {
	mu        sync.Mutex
	started   []string                  // session ids
	acked     map[string][]string       // session id -> document types acknowledged with 200
	errs      map[string]map[string]int // fault -> "status METHOD route" -> answers
	badBodies map[string]int            // non-2xx answers without the guide's body (statusCode, message, error), by fault
	// 503s without Retry-After, by fault
	noRetryAfter map[string]int
	latIn        []time.Duration
	uploading    atomic.Int32 // uploads in flight, which the S3 and serve faults wait for
	latOut       []time.Duration
	faults       *faultClock
}

func newStats(f *faultClock) *stats {
	return &stats{acked: map[string][]string{}, errs: map[string]map[string]int{}, badBodies: map[string]int{},
		noRetryAfter: map[string]int{}, faults: f}
}

// uuidSegment is a session id in a path; routes are counted without it.
var uuidSegment = regexp.MustCompile(`/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// record counts one answer against the fault in progress (code 0: no answer).
func (s *stats) record(method, path string, code int, h http.Header, body []byte, lat time.Duration) {
	fault := s.faults.Active()
	s.mu.Lock()
	defer s.mu.Unlock()
	if fault == "" {
		s.latOut = append(s.latOut, lat)
	} else {
		s.latIn = append(s.latIn, lat)
	}
	if code >= 200 && code < 300 {
		return
	}
	key := fault
	if key == "" {
		key = "none"
	}
	if s.errs[key] == nil {
		s.errs[key] = map[string]int{}
	}
	s.errs[key][fmt.Sprintf("%d %s %s", code, method, uuidSegment.ReplaceAllString(path, "/:id"))]++
	if code == 0 {
		return // no answer (connection refused or cut): no body to judge
	}
	if code == http.StatusServiceUnavailable && h.Get("Retry-After") == "" {
		s.noRetryAfter[key]++
	}
	var b struct {
		StatusCode *int    `json:"statusCode"`
		Message    *string `json:"message"`
		Error      *string `json:"error"`
	}
	if json.Unmarshal(body, &b) != nil || b.StatusCode == nil || b.Message == nil || b.Error == nil || *b.StatusCode != code {
		s.badBodies[key]++
	}
}

// client runs the guide's flow for one tenant against the replicas, retrying what failed as a careful
// integration would (a request is retried until it is answered 2xx or a 4xx that retrying cannot fix).
type client struct {
	key      string
	replicas []string // base URLs (…/api)
	st       *stats
	http     *http.Client
	n        int
	wait     time.Duration // the last answer's Retry-After
}

func (c *client) do(method, path string, body []byte, contentType string) (int, []byte) {
	c.n++
	base := c.replicas[c.n%len(c.replicas)]
	req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
	req.Header.Set("X-API-Key", c.key)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	start := time.Now()
	c.wait = 0
	resp, err := c.http.Do(req)
	if err != nil {
		c.st.record(method, path, 0, nil, nil, time.Since(start))
		return 0, nil
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	c.st.record(method, path, resp.StatusCode, resp.Header, out, time.Since(start))
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
		c.wait = time.Duration(s) * time.Second
	}
	return resp.StatusCode, out
}

// retry repeats a call until it is answered 2xx or a 4xx other than 429, for up to limit, waiting as the
// answer's Retry-After says when it says so.
func (c *client) retry(limit time.Duration, call func() (int, []byte)) (int, []byte) {
	end := time.Now().Add(limit)
	for delay := 200 * time.Millisecond; ; delay = min(delay*2, 3*time.Second) {
		code, body := call()
		if code >= 200 && code < 300 || code >= 400 && code < 500 && code != 429 || time.Now().After(end) {
			return code, body
		}
		time.Sleep(max(delay, c.wait))
	}
}

var uploads = []struct{ path, docType string }{
	{"/v1/kyc/upload/pan", "PAN_CARD"}, {"/v1/kyc/upload/aadhaar/front", "AADHAAR_FRONT"},
	{"/v1/kyc/upload/aadhaar/back", "AADHAAR_BACK"}, {"/v1/kyc/upload/live-photo", "LIVE_PHOTO"},
}

// session runs one whole session: initiate, four uploads, then status polling until decided.
func (c *client) session(user string, set kycdocs.Set, pollLimit time.Duration) {
	code, body := c.retry(2*time.Minute, func() (int, []byte) {
		return c.do("POST", "/v1/kyc/initiate", []byte(`{"externalUserId":"`+user+`"}`), "application/json")
	})
	var init struct {
		ID string `json:"kycSessionId"`
	}
	if code != 200 && code != 201 || json.Unmarshal(body, &init) != nil || init.ID == "" {
		return
	}
	c.st.mu.Lock()
	c.st.started = append(c.st.started, init.ID)
	c.st.mu.Unlock()
	files := []string{set.PAN, set.AadhaarFront, set.AadhaarBack, set.LivePhoto}
	for i, u := range uploads {
		data, err := os.ReadFile(files[i])
		if err != nil {
			panic(err)
		}
		c.st.uploading.Add(1)
		code, _ := c.retry(2*time.Minute, func() (int, []byte) {
			var b bytes.Buffer
			w := multipart.NewWriter(&b)
			_ = w.WriteField("externalUserId", user)
			fw, _ := w.CreateFormFile("file", fmt.Sprintf("%s.jpg", u.docType))
			_, _ = fw.Write(data)
			_ = w.Close()
			return c.do("POST", u.path, b.Bytes(), w.FormDataContentType())
		})
		c.st.uploading.Add(-1)
		if code != 200 {
			return
		}
		c.st.mu.Lock()
		c.st.acked[init.ID] = append(c.st.acked[init.ID], u.docType)
		c.st.mu.Unlock()
	}
	for end := time.Now().Add(pollLimit); time.Now().Before(end); time.Sleep(time.Second) {
		code, body := c.do("GET", "/v1/kyc/status/"+init.ID, nil, "")
		var st struct {
			Status string `json:"status"`
		}
		if code == 200 && json.Unmarshal(body, &st) == nil && decided(st.Status) {
			return
		}
	}
}

func decided(status string) bool {
	switch status {
	case "FACE_VERIFIED", "PENDING_REVIEW", "VERIFIED", "REJECTED":
		return true
	}
	return false
}

// receiver is a tenant's webhook endpoint; it can be taken down (answers 503) for a while.
type receiver struct {
	mu   sync.Mutex
	seen map[string]int // delivery id -> times received
	down bool
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	_, _ = io.Copy(io.Discard, req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.down {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	r.seen[req.Header.Get("webhook-id")]++
}

func (r *receiver) setDown(d bool) {
	r.mu.Lock()
	r.down = d
	r.mu.Unlock()
}
