package app_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

// TestCardFamiliesThroughThePipeline: a clean card of every layout family of the kit (3 PAN, 5 Aadhaar front and
// back, the held-out e-PAN and PVC included) goes through the REST upload, the workers' OCR and the decision of
// one server, one session per Aadhaar family with the PAN families taking turns; the status response's
// extractedData holds the person's PAN number, name, date of birth, masked Aadhaar number (the last 4 for a
// masked card) and the address ending in the PIN. Families are otherwise measured only by bench/eval-ocr, which
// calls the reader directly.
func TestCardFamiliesThroughThePipeline(t *testing.T) {
	srv := testserver.Start(t, testserver.WithWorkers())
	_, key := srv.NewClient(t, "families")
	rcv := webhooktest.New(t, webhookSecret)
	putWebhook(t, srv, key, rcv.URL, webhookSecret)

	type session struct {
		name, sid string
		docs      kycdocs.Set
	}
	var sessions []session
	var aadhaars []string
	// All sessions are uploaded first, so the workers read one while the next is uploaded.
	for i, aadhaar := range cardkit.AadhaarLayouts {
		pan := cardkit.PANLayouts[i%len(cardkit.PANLayouts)]
		name := "pan-" + string(pan) + "/aadhaar-" + string(aadhaar)
		docs, err := kycdocs.WriteFamily(filepath.Join(t.TempDir(), "docs"), int64(600+i), pan, aadhaar, "jimin6.jpg", "jimin7.jpg")
		if err != nil {
			t.Fatal(err)
		}
		aadhaars = append(aadhaars, docs.Person.Aadhaar)
		sessions = append(sessions, session{name, initiateAndUpload(t, srv, key, "family-"+string(aadhaar), docs), docs})
	}
	for _, s := range sessions {
		t.Run(s.name, func(t *testing.T) {
			waitForOutcome(t, srv, key, s.sid, 120*time.Second)
			code, body, raw := do(t, "GET", srv.BaseURL+"/v1/kyc/status/"+s.sid, key, "", nil)
			if code != 200 {
				t.Fatalf("GET status: %d %s", code, raw)
			}
			e, _ := body["extractedData"].(map[string]any)
			str := func(k string) string { v, _ := e[k].(string); return v }
			p := s.docs.Person
			for field, v := range map[string][2]string{
				"panNumber":     {str("panNumber"), p.PAN},
				"aadhaarNumber": {str("aadhaarNumber"), p.AadhaarMasked()},
				"dateOfBirth":   {str("dateOfBirth"), p.DOBISO()},
				"fullName":      {strings.ToUpper(str("fullName")), strings.ToUpper(p.Name)},
			} {
				if v[0] != v[1] {
					t.Errorf("extractedData.%s = %q, want %q", field, v[0], v[1])
				}
			}
			if addr := str("address"); !strings.HasSuffix(addr, p.PIN) {
				t.Errorf("extractedData.address %q does not end with the PIN %s", addr, p.PIN)
			}
		})
	}
	assertNoAadhaar(t, srv, rcv, aadhaars...)
}
