// Command console measures the reviewer console's server time: the queue page (first page, a reason filter, a
// deep cursor page) and the case page, with -sessions sessions in review, over loopback from a signed-in
// browser-like client (images excluded: the case page's HTML only). It prints p50/p95 per page, the server's CPU
// per request, and EXPLAIN (ANALYZE, BUFFERS) of the queries behind the pages. Run: make bench-console.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/enxtai/kyc/bench/internal/benchenv"
	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/store"
)

func main() {
	sessions := flag.Int("sessions", 10000, "sessions in review")
	n := flag.Int("n", 200, "requests per page")
	flag.Parse()
	env, err := benchenv.Start(benchenv.Options{Env: []string{"KYC_WORKERS=false"}})
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	ctx := context.Background()
	s, err := store.Open(ctx, env.DBURL, 4)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	admin, err := apikeys.CreateAdmin(ctx, s, audit.Operator(), "bench reviewer", nil)
	if err != nil {
		log.Fatal(err)
	}
	caseID, deep := seed(ctx, s, *sessions)
	origin := strings.TrimSuffix(env.BaseURL, "/api")
	c := signIn(origin, admin.Key)

	fmt.Printf("console pages, %d sessions in review, %d requests each (loopback, one at a time)\n", *sessions, *n)
	pages := []struct{ name, path string }{
		{"queue, first page", "/console/reviews"},
		{"queue, reason filter", "/console/reviews?reason=liveness_low"},
		{"queue, client+env+age filter", "/console/reviews?env=live&age=24h"},
		{"queue, page at row ~9000", "/console/reviews?after=" + url.QueryEscape(deep)},
		{"case page (HTML)", "/console/sessions/" + caseID},
	}
	for _, p := range pages {
		lat, cpu := measure(c, origin+p.path, *n, env.Cmd.Process.Pid)
		fmt.Printf("  %-30s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  server CPU %.1f ms/request\n",
			p.name, ms(pct(lat, 50)), ms(pct(lat, 95)), ms(lat[len(lat)-1]), cpu)
	}
	explain(ctx, s, caseID)
}

// seed inserts sessions in review over 10 days across 5 clients, both environments and four reasons, and
// returns one session id and a cursor token ~90% down the queue.
func seed(ctx context.Context, s *store.Store, n int) (string, string) {
	if _, err := s.Pool().Exec(ctx, `INSERT INTO clients (id, name) SELECT gen_random_uuid(), 'Client ' || i FROM generate_series(1, 4) i`); err != nil {
		log.Fatal("seed clients: ", err)
	}
	_, err := s.Pool().Exec(ctx, `
		INSERT INTO kyc_sessions (id, client_id, environment, external_user_id, status, progress, metadata,
			face_match_score, liveness_score, review_reasons, extracted_data, ocr_result, generation, created_at, updated_at)
		SELECT gen_random_uuid(), (SELECT id FROM clients ORDER BY id OFFSET (i % 5) LIMIT 1),
			CASE WHEN i % 3 = 0 THEN 'test' ELSE 'live' END, 'user-' || i, 'PENDING_REVIEW', 100, '{"crm":"lead"}',
			0.3 + (i % 50) / 100.0, 0.5 + (i % 40) / 100.0,
			jsonb_build_array(jsonb_build_object('code', (ARRAY['face_mismatch','liveness_low','face_match_low','name_mismatch'])[1 + i % 4],
				'message', 'seeded reason')),
			'{"panNumber":"ABCPK1234F","fullName":"PRIYA KUMARI","dateOfBirth":"1990-01-15"}',
			'{"pan":{"fullName":{"value":"PRIYA KUMARI","confidence":0.93}},"aadhaarFront":{"fullName":{"value":"PRIYA KUMARI","confidence":0.88}}}',
			1, now() - (i || ' minutes')::interval * (14400.0 / $1), now()
		FROM generate_series(1, $1) i`, n)
	if err != nil {
		log.Fatal("seed: ", err)
	}
	if _, err := s.Pool().Exec(ctx, `ANALYZE`); err != nil {
		log.Fatal(err)
	}
	var id string
	var created time.Time
	if err := s.Pool().QueryRow(ctx, `SELECT id::text, created_at FROM kyc_sessions ORDER BY created_at, id OFFSET $1 LIMIT 1`,
		n*9/10).Scan(&id, &created); err != nil {
		log.Fatal(err)
	}
	return id, cursor(created, id)
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func signIn(origin, key string) *http.Client {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(origin + "/console/login")
	if err != nil {
		log.Fatal(err)
	}
	body := readAll(resp)
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		log.Fatal("no csrf on the sign-in page")
	}
	resp, err = c.PostForm(origin+"/console/login", url.Values{"apiKey": {key}, "csrf": {m[1]}})
	if err != nil || resp.StatusCode != 200 || !strings.Contains(readAll(resp), "Review queue") {
		log.Fatalf("sign-in failed: %v", err)
	}
	return c
}

func measure(c *http.Client, u string, n, pid int) ([]time.Duration, float64) {
	get(c, u) // warm
	before := cpuTicks(pid)
	lat := make([]time.Duration, 0, n)
	for range n {
		t := time.Now()
		get(c, u)
		lat = append(lat, time.Since(t))
	}
	cpu := float64(cpuTicks(pid)-before) * 10 / float64(n) // 100 ticks per second
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return lat, cpu
}

func get(c *http.Client, u string) {
	resp, err := c.Get(u)
	if err != nil {
		log.Fatal(err)
	}
	if resp.StatusCode != 200 {
		log.Fatalf("GET %s: %d %s", u, resp.StatusCode, readAll(resp))
	}
	readAll(resp)
}

func pct(d []time.Duration, p int) time.Duration { return d[(len(d)-1)*p/100] }
func ms(d time.Duration) float64                 { return float64(d.Microseconds()) / 1000 }

// cpuTicks is the process's user+system CPU time in clock ticks (/proc/PID/stat fields 14 and 15).
func cpuTicks(pid int) int64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+2:]))
	var u, s int64
	_, _ = fmt.Sscan(f[11], &u)
	_, _ = fmt.Sscan(f[12], &s)
	return u + s
}

// explain prints the plans of the queries behind the pages (the SQL of internal/store, as the pages run it).
func explain(ctx context.Context, s *store.Store, caseID string) {
	queries := []struct {
		name, sql string
		args      []any
	}{
		{"queue page (ListSessionsByStatus, first page)", queueSQL, []any{"PENDING_REVIEW", nil, "", nil, nil, nil, nil, 51, ""}},
		{"queue page, reason filter", queueSQL, []any{"PENDING_REVIEW", nil, "", nil, nil, nil, nil, 51, "liveness_low"}},
		{"reason counts (CountReviewReasons)", `SELECT r->>'code', count(*) FROM kyc_sessions s, jsonb_array_elements(s.review_reasons) r
			WHERE s.status = $1 AND s.erased_at IS NULL AND jsonb_typeof(s.review_reasons) = 'array' GROUP BY 1 ORDER BY 2 DESC, 1`,
			[]any{"PENDING_REVIEW"}},
		{"case page: the session (GetSession)", `SELECT * FROM kyc_sessions WHERE id = $1`, []any{caseID}},
		{"case page: its events (ListEvents)", `SELECT * FROM session_events WHERE session_id = $1 ORDER BY id`, []any{caseID}},
		{"case page: previous and next case (QueueNeighbours)", neighboursSQL, []any{"PENDING_REVIEW", time.Now().Add(-24 * time.Hour), caseID}},
	}
	for _, q := range queries {
		rows, err := s.Pool().Query(ctx, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "+q.sql, q.args...)
		if err != nil {
			log.Fatalf("explain %s: %v", q.name, err)
		}
		fmt.Printf("\nEXPLAIN %s\n", q.name)
		for rows.Next() {
			var line string
			_ = rows.Scan(&line)
			fmt.Println("  " + line)
		}
		rows.Close()
	}
}

// neighboursSQL is store.QueueNeighbours's statement.
const neighboursSQL = `SELECT
		  (SELECT id FROM kyc_sessions WHERE status = $1 AND erased_at IS NULL AND (status, created_at, id) < ($1, $2, $3::uuid)
		   ORDER BY status DESC, created_at DESC, id DESC LIMIT 1),
		  (SELECT id FROM kyc_sessions WHERE status = $1 AND erased_at IS NULL AND (status, created_at, id) > ($1, $2, $3::uuid)
		   ORDER BY status, created_at, id LIMIT 1)`

// queueSQL is store.ListSessionsByStatus's statement (columns shortened to the ones that matter for the plan).
const queueSQL = `SELECT id, client_id, created_at, review_reasons, (SELECT c.name FROM clients c WHERE c.id = kyc_sessions.client_id)
		FROM kyc_sessions
		WHERE status = $1 AND erased_at IS NULL
		  AND ($2::uuid IS NULL OR client_id = $2) AND ($3 = '' OR environment = $3)
		  AND ($4::timestamptz IS NULL OR created_at >= $4) AND ($5::timestamptz IS NULL OR created_at < $5)
		  AND ($6::timestamptz IS NULL OR (created_at, id) > ($6, $7::uuid))
		  AND ($9 = '' OR review_reasons @> jsonb_build_array(jsonb_build_object('code', $9::text)))
		ORDER BY created_at, id LIMIT $8`
