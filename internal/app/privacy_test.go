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

// uuidText finds UUIDs, which the aadhaarLike scan must skip: a random UUID's last group (or its middle three) is
// all digits often enough that a run with a few hundred IDs shows a Verhoeff-valid "number" now and then.
var uuidText = regexp.MustCompile(`(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

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
// Verhoeff check digit right), UUIDs aside.
func aadhaarLike(text string) []string {
	var out []string
	text = uuidText.ReplaceAllString(text, "<uuid>")
	for _, sub := range twelveDigits.FindAllStringSubmatch(text, -1) {
		digits := strings.NewReplacer(" ", "", "-", "").Replace(sub[1])
		if digits[0] >= '2' && cards.VerhoeffValid(digits) {
			out = append(out, digits)
		}
	}
	return out
}

// TestAadhaarLikeFindsNumbers keeps the scanner honest: it must see real numbers in every form and ignore
// decimals, hex and UUIDs.
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
	for _, text := range []string{"0." + valid, "x" + valid, valid + "7", "ab" + valid + "cd", "134123412346",
		`"id":"0f8e2c1a-9b3d-4e5f-8a7b-` + valid + `"`, "0f8e2c1a-" + valid[:4] + "-" + valid[4:8] + "-" + valid[8:] + "-a1b2c3d4e5f6"} {
		if got := aadhaarLike(text); len(got) != 0 {
			t.Errorf("aadhaarLike(%q) = %v, want nothing", text, got)
		}
	}
}
