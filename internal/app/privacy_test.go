package app_test

import (
	"context"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

// twelveDigits finds free-standing 12-digit numbers, plain or grouped 4-4-4 by spaces or dashes (not digits
// inside longer numbers, decimals or hex strings).
var twelveDigits = regexp.MustCompile(`(?:^|[^0-9A-Za-z.])(\d{4}[ -]?\d{4}[ -]?\d{4})(?:$|[^0-9A-Za-z])`)

// byteaHex finds bytea values as row_to_json shows them ("\\x7b22..."), to scan their bytes as text too.
var byteaHex = regexp.MustCompile(`\\\\x([0-9a-f]{2,})`)

// assertNoAadhaar scans everything a run leaves behind (every table of the database, the server's logs, the
// webhook bodies) for the full Aadhaar numbers given, and for any Verhoeff-valid 12-digit number at all.
func assertNoAadhaar(t *testing.T, srv *testserver.Server, rcv *webhooktest.Receiver, numbers ...string) {
	t.Helper()
	var corpus strings.Builder
	ctx := context.Background()
	rows, err := srv.Store().Pool().Query(ctx, `SELECT table_schema || '.' || table_name FROM information_schema.tables
		WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(tables) < 5 {
		t.Fatalf("tables %v: %v", tables, err)
	}
	for _, table := range tables {
		rows, err := srv.Store().Pool().Query(ctx, "SELECT row_to_json(t)::text FROM "+table+" t")
		if err != nil {
			t.Fatal(err)
		}
		texts, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		joined := strings.Join(texts, "\n")
		corpus.WriteString(joined)
		for _, m := range byteaHex.FindAllStringSubmatch(joined, -1) {
			if b, err := hex.DecodeString(m[1]); err == nil {
				corpus.WriteString("\n")
				corpus.Write(b)
			}
		}
	}
	corpus.WriteString(srv.Logs.String())
	for _, d := range rcv.Deliveries() {
		corpus.Write(d.Body)
	}
	text := corpus.String()
	for _, n := range numbers {
		if strings.Contains(text, n) || strings.Contains(text, n[:4]+" "+n[4:8]+" "+n[8:]) {
			t.Errorf("the full Aadhaar number %s…%s appears in the database, logs or webhooks", n[:2], n[10:])
		}
	}
	for _, digits := range aadhaarLike(text) {
		t.Errorf("an Aadhaar-like number (Verhoeff-valid) appears: %s…%s", digits[:2], digits[10:])
	}
	if len(text) < 1000 {
		t.Fatalf("scanned only %d bytes: the scan is not looking at the run", len(text))
	}
}

// aadhaarLike returns the free-standing 12-digit numbers in text that could be Aadhaar numbers (first digit 2-9,
// Verhoeff check digit right).
func aadhaarLike(text string) []string {
	var out []string
	for _, sub := range twelveDigits.FindAllStringSubmatch(text, -1) {
		digits := strings.NewReplacer(" ", "", "-", "").Replace(sub[1])
		if digits[0] >= '2' && cards.VerhoeffValid(digits) {
			out = append(out, digits)
		}
	}
	return out
}

// TestAadhaarLikeFindsNumbers keeps the scanner honest: it must see real numbers in every form and ignore
// decimals and hex.
func TestAadhaarLikeFindsNumbers(t *testing.T) {
	valid := "234123412346" // Verhoeff-valid
	if !cards.VerhoeffValid(valid) {
		t.Fatal("test vector is not Verhoeff-valid")
	}
	for _, text := range []string{valid, "a " + valid[:4] + " " + valid[4:8] + " " + valid[8:] + " b", `{"n":"` + valid + `"}`, valid[:4] + "-" + valid[4:8] + "-" + valid[8:]} {
		if got := aadhaarLike(text); len(got) != 1 || got[0] != valid {
			t.Errorf("aadhaarLike(%q) = %v", text, got)
		}
	}
	for _, text := range []string{"0." + valid, "x" + valid, valid + "7", "ab" + valid + "cd", "134123412346"} {
		if got := aadhaarLike(text); len(got) != 0 {
			t.Errorf("aadhaarLike(%q) = %v, want nothing", text, got)
		}
	}
}
