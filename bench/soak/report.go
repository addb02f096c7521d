package main

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// outcome is what the report counted; err is a failure to count.
type outcome struct {
	started, decided       int
	lostUploads, lostHooks int
	err                    error
}

// report waits for every started session to be decided and every delivery to be delivered (or drain to pass),
// then prints the figures.
func report(pg *pgCluster, st *stats, recvs []*receiver, drain time.Duration) (out outcome) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pg.URL("kyc"))
	if err != nil {
		return outcome{err: err}
	}
	defer conn.Close(ctx)
	st.mu.Lock()
	started := append([]string{}, st.started...)
	st.mu.Unlock()
	out.started = len(started)
	var pending int
	for end := time.Now().Add(drain); ; time.Sleep(2 * time.Second) {
		if err := conn.QueryRow(ctx, `SELECT count(*) FILTER (WHERE status IN ('FACE_VERIFIED','PENDING_REVIEW','VERIFIED','REJECTED'))
			FROM kyc_sessions WHERE id::text = ANY($1)`, started).Scan(&out.decided); err != nil {
			return outcome{err: err}
		}
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'`).Scan(&pending); err != nil {
			return outcome{err: err}
		}
		if out.decided == len(started) && pending == 0 || time.Now().After(end) {
			break
		}
	}
	// uploads acknowledged but missing
	have := map[string]bool{}
	rows, err := conn.Query(ctx, `SELECT session_id::text || '/' || doc_type FROM documents`)
	if err != nil {
		return outcome{err: err}
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return outcome{err: err}
	}
	for _, n := range names {
		have[n] = true
	}
	acked := 0
	for sid, types := range st.acked {
		for _, t := range types {
			acked++
			if !have[sid+"/"+t] {
				out.lostUploads++
			}
		}
	}
	// webhooks: every delivery in the outbox must have reached its receiver
	rows, err = conn.Query(ctx, `SELECT id::text FROM webhook_deliveries`)
	if err != nil {
		return outcome{err: err}
	}
	expected, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return outcome{err: err}
	}
	seen := map[string]int{}
	for _, r := range recvs {
		r.mu.Lock()
		for id, n := range r.seen {
			seen[id] += n
		}
		r.mu.Unlock()
	}
	dups := 0
	for _, id := range expected {
		switch n := seen[id]; {
		case n == 0:
			out.lostHooks++
		case n > 1:
			dups += n - 1
		}
	}
	var withoutCompletion int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM kyc_sessions s WHERE id::text = ANY($1)
		AND status IN ('FACE_VERIFIED','PENDING_REVIEW','VERIFIED','REJECTED') AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
		WHERE d.session_id = s.id AND d.event = 'kyc.verification_completed')`, started).Scan(&withoutCompletion); err != nil {
		return outcome{err: err}
	}

	fmt.Printf("sessions started %d, decided %d, stuck %d\n", len(started), out.decided, len(started)-out.decided)
	fmt.Printf("uploads acknowledged %d, missing %d\n", acked, out.lostUploads)
	fmt.Printf("webhooks expected %d (decided sessions without a completion event: %d), delivered %d, lost %d, duplicated %d (same id)\n",
		len(expected), withoutCompletion, len(expected)-out.lostHooks, out.lostHooks, dups)
	out.lostHooks += withoutCompletion
	st.printErrors()
	return out
}

// printErrors lists the non-2xx answers by fault and route, and the latencies.
func (s *stats) printErrors() {
	s.mu.Lock()
	defer s.mu.Unlock()
	faults := make([]string, 0, len(s.errs))
	for f := range s.errs {
		faults = append(faults, f)
	}
	sort.Strings(faults)
	status500 := 0
	for _, f := range faults {
		keys := make([]string, 0, len(s.errs[f]))
		for k, n := range s.errs[f] {
			keys = append(keys, fmt.Sprintf("%s x%d", k, n))
			if strings.HasPrefix(k, "500 ") {
				status500 += n
			}
		}
		sort.Strings(keys)
		fmt.Printf("API errors during %-22s %s (without the guide's body: %d; 503 without Retry-After: %d)\n",
			f+":", strings.Join(keys, ", "), s.badBodies[f], s.noRetryAfter[f])
	}
	fmt.Printf("API answers 500: %d (target 0: every fault is a temporary unavailability)\n", status500)
	fmt.Printf("latency outside faults p50 %.0f ms p99 %.0f ms (n=%d); inside p50 %.0f ms p99 %.0f ms (n=%d)\n",
		ms(pct(s.latOut, 50)), ms(pct(s.latOut, 99)), len(s.latOut), ms(pct(s.latIn, 50)), ms(pct(s.latIn, 99)), len(s.latIn))
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*p/100))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
