// Package webhooktest is a webhook endpoint for tests: it records every delivery and checks it as a careful
// receiver would (the X-Signature HMAC, the Standard Webhooks signature with its timestamp, the guide's JSON
// schema), and can be told to fail or stall to exercise retries.
package webhooktest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/enxtai/kyc/internal/testkit/guide"
)

// Delivery is one received request and what the checks said.
type Delivery struct {
	Header   http.Header
	Body     []byte
	Payload  map[string]any
	Received time.Time
	Problems []string // empty when every check passed
}

// Receiver is a recording endpoint.
type Receiver struct {
	*httptest.Server
	secret string
	schema *jsonschema.Schema

	mu         sync.Mutex
	deliveries []Delivery
	status     int           // answer with this status (default 200)
	delay      time.Duration // wait this long before answering
	arrived    chan struct{}
}

// New starts a receiver that verifies with secret.
func New(t testing.TB, secret string) *Receiver {
	t.Helper()
	r := &Receiver{secret: secret, schema: Schema(t), status: http.StatusOK, arrived: make(chan struct{}, 1000)}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

// Schema compiles the guide's webhook payload JSON schema, with format assertions (uuid, date-time, date).
func Schema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	src, err := guide.Block("### Webhook Payload JSON Schema", 0)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("webhook.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("webhook.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Respond sets the status and delay of later answers.
func (r *Receiver) Respond(status int, delay time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status, r.delay = status, delay
}

func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	d := Delivery{Header: req.Header.Clone(), Body: body, Received: time.Now()}
	d.Problems = r.check(req, body, &d.Payload)
	r.mu.Lock()
	status, delay := r.status, r.delay
	r.mu.Unlock()
	if delay > 0 {
		time.Sleep(delay)
	}
	w.WriteHeader(status)
	if status >= 200 && status < 300 {
		r.mu.Lock()
		r.deliveries = append(r.deliveries, d)
		r.mu.Unlock()
		r.arrived <- struct{}{}
	}
}

func (r *Receiver) check(req *http.Request, body []byte, payload *map[string]any) []string {
	var problems []string
	mac := hmac.New(sha256.New, []byte(r.secret))
	mac.Write(body)
	if req.Header.Get("X-Signature") != hex.EncodeToString(mac.Sum(nil)) {
		problems = append(problems, "X-Signature does not match")
	}
	wh, err := standardwebhooks.NewWebhook(r.secret)
	if err == nil {
		err = wh.Verify(body, req.Header)
	}
	if err != nil {
		problems = append(problems, "Standard Webhooks signature: "+err.Error())
	}
	if req.Header.Get("Content-Type") != "application/json" {
		problems = append(problems, "Content-Type is "+req.Header.Get("Content-Type"))
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return append(problems, "body is not JSON: "+err.Error())
	}
	if err := r.schema.Validate(inst); err != nil {
		problems = append(problems, "schema: "+err.Error())
	}
	_ = json.Unmarshal(body, payload)
	if ev, _ := (*payload)["event"].(string); ev != req.Header.Get("X-Event") {
		problems = append(problems, "X-Event differs from the payload's event")
	}
	if id, _ := (*payload)["id"].(string); id != req.Header.Get("webhook-id") {
		problems = append(problems, "webhook-id differs from the payload's id")
	}
	return problems
}

// Deliveries returns what arrived (2xx answered) so far.
func (r *Receiver) Deliveries() []Delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Delivery(nil), r.deliveries...)
}

// WaitFor waits until a delivery matching ok has arrived and returns it.
func (r *Receiver) WaitFor(t testing.TB, timeout time.Duration, ok func(Delivery) bool) Delivery {
	t.Helper()
	deadline := time.After(timeout)
	for {
		for _, d := range r.Deliveries() {
			if ok(d) {
				return d
			}
		}
		select {
		case <-r.arrived:
		case <-deadline:
			t.Fatalf("webhooktest: no matching delivery within %v; got %d deliveries", timeout, len(r.Deliveries()))
		}
	}
}

// Event matches deliveries of an event about a session.
func Event(event, sessionID string) func(Delivery) bool {
	return func(d Delivery) bool {
		data, _ := d.Payload["data"].(map[string]any)
		return d.Payload["event"] == event && data["kycSessionId"] == sessionID
	}
}
