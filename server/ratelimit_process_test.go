package main

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/google/uuid"
)

// replica is another kyc-server serve of the same deployment: same database, bucket and Redis namespace, its
// own ports (a later KEY=VALUE wins in a process environment).
func (d *deployment) replica(t *testing.T) *deployment {
	r := &deployment{httpAddr: freeAddr(t)}
	r.base = "http://" + r.httpAddr
	r.env = append(append([]string{}, d.env...), "KYC_HTTP_ADDR="+r.httpAddr, "KYC_GRPC_ADDR="+freeAddr(t))
	return r
}

// statusAnswer is GET /api/v1/kyc/status/<random id> (404 when admitted): the HTTP status and the budget headers.
func (d *deployment) statusAnswer(t *testing.T, key string) (code int, limit, remaining string) {
	t.Helper()
	req, _ := http.NewRequest("GET", d.base+"/api/v1/kyc/status/"+uuid.NewString(), nil)
	req.Header.Set("X-API-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("X-RateLimit-Limit"), resp.Header.Get("X-RateLimit-Remaining")
}

// TestRateLimitSharedByReplicas: two serve processes on one database and Redis hold one budget per key (100
// a minute, not 200), and a client's override set with the CLI applies on both.
func TestRateLimitSharedByReplicas(t *testing.T) {
	a := newLocalDeployment(t)
	// A starved test machine must not look like a Redis outage (which makes each replica count alone).
	a.env = append(a.env, "KYC_RATE_LIMIT_PER_MINUTE=100", "KYC_WORKERS=false", "KYC_REDIS_TIMEOUT=2s")
	b := a.replica(t)
	procs := []*proc{a.start(t), b.start(t)}
	replicas := []*deployment{a, b}
	t.Cleanup(func() {
		if t.Failed() {
			for i, p := range procs {
				t.Logf("replica %d:\n%s", i, grepLines(p.logs.String(), "rate limit", "ERROR"))
			}
		}
	})

	cases := []struct {
		name      string
		override  int // set with `client set-rate-limit` (0: none)
		requests  int
		wantLimit int
	}{
		{"default", 0, 200, 100},
		{"override", 7, 20, 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := run(t, a.env, "client", "create", "--name", "rate "+c.name)
			if err != nil {
				t.Fatal(err)
			}
			client := oneJSONLine(t, out, "clientId", "apiKey")
			if c.override > 0 {
				out, err := run(t, a.env, "client", "set-rate-limit", "--client-id", client["clientId"], "--per-minute", strconv.Itoa(c.override))
				if err != nil {
					t.Fatal(err)
				}
				if want := `{"clientId":"` + client["clientId"] + `","rateLimitPerMinute":` + strconv.Itoa(c.override) + "}\n"; out != want {
					t.Fatalf("set-rate-limit printed %q, want %q", out, want)
				}
			}
			admitted := 0
			for i := 0; i < c.requests; i++ {
				code, limit, remaining := replicas[i%2].statusAnswer(t, client["apiKey"])
				if limit != strconv.Itoa(c.wantLimit) {
					t.Fatalf("request %d: X-RateLimit-Limit %q, want %d", i, limit, c.wantLimit)
				}
				switch code {
				case http.StatusNotFound:
					admitted++
					if want := strconv.Itoa(c.wantLimit - admitted); remaining != want {
						t.Fatalf("request %d (replica %d): remaining %s, want %s: the replicas do not share one count", i, i%2, remaining, want)
					}
				case http.StatusTooManyRequests:
				default:
					t.Fatalf("request %d: HTTP %d", i, code)
				}
			}
			if admitted != c.wantLimit {
				t.Fatalf("%d of %d requests admitted by two replicas, want %d", admitted, c.requests, c.wantLimit)
			}
		})
	}

	if _, err := run(t, a.env, "client", "set-rate-limit", "--client-id", uuid.NewString(), "--per-minute", "5"); err == nil {
		t.Fatal("set-rate-limit of an unknown client succeeded")
	}
	if _, err := run(t, a.env, "client", "set-rate-limit", "--client-id", "not-a-uuid", "--per-minute", "5"); err == nil {
		t.Fatal("set-rate-limit with a malformed id succeeded")
	}
}
