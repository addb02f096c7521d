package app_test

import (
	"bytes"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
	"time"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

// TestAadhaarQREndToEnd: the kit's Secure QR variants through the whole pipeline, the kit's test certificate
// trusted through KYC_AADHAAR_QR_CERTS. After the uploads the status shows extractedData.aadhaarQr (absent
// without a decoded QR), the decision follows the QR (a tampered QR is never auto-approved), the webhook
// carries the same aadhaarQr, and the admin detail shows it with the reasons and serves the QR photo.
func TestAadhaarQREndToEnd(t *testing.T) {
	cert := filepath.Join(t.TempDir(), "uidai-test.pem")
	if err := cardkit.WriteQRTestCert(cert); err != nil {
		t.Fatal(err)
	}
	srv := testserver.Start(t, testserver.WithWorkers(), testserver.WithConfig(func(c *config.Config) { c.AadhaarQRCerts = cert }))
	_, key := srv.NewClient(t, "acme")
	_, admin := srv.NewAdmin(t, "reviewer")
	rcv := webhooktest.New(t, webhookSecret)
	putWebhook(t, srv, key, rcv.URL, webhookSecret)

	const phone, mobile, email = "+919876543210", "9876543210", "priya@example.com"
	cases := []struct {
		variant   cardkit.QRVariant // "": no QR on the card
		signature string            // "": aadhaarQr absent
		status    string
		reason    string // a QR reason the session must carry ("": none of them)
	}{
		{cardkit.QRValid, "VALID", "FACE_VERIFIED", ""},
		{cardkit.QRTampered, "INVALID", "PENDING_REVIEW", "aadhaar_qr_signature_invalid"},
		{cardkit.QRUntrusted, "UNTRUSTED", "PENDING_REVIEW", "aadhaar_qr_untrusted"},
		{cardkit.QRUnreadable, "", "PENDING_REVIEW", "aadhaar_qr_unreadable"},
		{"", "", "FACE_VERIFIED", ""},
	}
	var aadhaars []string
	for i, tc := range cases {
		name := string(tc.variant)
		if name == "" {
			name = "no QR"
		}
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "docs")
			// jimin6 vs jimin7: a genuine pair the calibrated bands approve; seed 100's cards read cleanly
			// (as in TestPipelineEndToEnd).
			docs, err := kycdocs.Write(dir, 100, "jimin6.jpg", "jimin7.jpg")
			if tc.variant != "" {
				docs, err = kycdocs.WriteQR(dir, int64(300+i), "jimin6.jpg", "jimin7.jpg", tc.variant, mobile, email)
			}
			if err != nil {
				t.Fatal(err)
			}
			aadhaars = append(aadhaars, docs.Person.Aadhaar)
			user := "qr-" + strings.ReplaceAll(name, " ", "-")
			body := `{"externalUserId":"` + user + `","phone":"` + phone + `","email":"someone.else@example.com"}`
			sid := postJSON(t, srv.BaseURL+"/v1/kyc/initiate", key, body, nil)["kycSessionId"].(string)
			uploadAll(t, srv, key, user, docs)
			final := waitForOutcome(t, srv, key, sid, 120*time.Second)
			reasons := reviewReasons(t, srv, sid)
			if final.GetStatus().String() != tc.status {
				t.Errorf("status %v, want %s (reasons %s)", final.GetStatus(), tc.status, reasons)
			}
			if tc.reason != "" && !strings.Contains(reasons, tc.reason) {
				t.Errorf("reasons %s lack %s", reasons, tc.reason)
			}
			if tc.reason == "" && strings.Contains(reasons, "aadhaar_qr_") {
				t.Errorf("reasons %s carry a QR reason", reasons)
			}

			// The status over REST.
			st := getJSON(t, srv.BaseURL+"/v1/kyc/status/"+sid, key)
			ex, _ := st["extractedData"].(map[string]any)
			qr, hasQR := ex["aadhaarQr"].(map[string]any)
			if hasQR != (tc.signature != "") {
				t.Fatalf("aadhaarQr %v, want signature %q", ex["aadhaarQr"], tc.signature)
			}
			scores, _ := st["verificationScores"].(map[string]any)
			if hasQR {
				checkQR(t, qr, docs.Person, tc.signature)
				if _, ok := scores["qrFaceMatchScore"].(float64); !ok {
					t.Errorf("verificationScores %v lack qrFaceMatchScore", scores)
				}
			} else if _, ok := scores["qrFaceMatchScore"]; ok {
				t.Errorf("qrFaceMatchScore without a QR photo: %v", scores)
			}
			if tc.signature == "VALID" && ex["aadhaarNumber"] != docs.Person.AadhaarMasked() {
				t.Errorf("aadhaarNumber %v, want %s", ex["aadhaarNumber"], docs.Person.AadhaarMasked())
			}

			// The webhook carries the same aadhaarQr inside extractedData.
			d := rcv.WaitFor(t, 30*time.Second, webhooktest.Event("kyc.verification_completed", sid))
			if len(d.Problems) > 0 {
				t.Errorf("webhook: %v\n%s", d.Problems, d.Body)
			}
			wex, _ := d.Payload["data"].(map[string]any)["extractedData"].(map[string]any)
			if got, ok := wex["aadhaarQr"].(map[string]any); ok != hasQR || (ok && got["signature"] != tc.signature) {
				t.Errorf("webhook aadhaarQr %v, want signature %q", wex["aadhaarQr"], tc.signature)
			}

			// The admin detail: the QR, the reasons, the QR photo listed and downloadable.
			v := getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid, admin)
			aex, _ := v["session"].(map[string]any)["extractedData"].(map[string]any)
			if _, ok := aex["aadhaarQr"].(map[string]any); ok != hasQR {
				t.Errorf("admin extractedData %v", aex)
			}
			if tc.reason != "" && !strings.Contains(mustMarshal(t, v["reviewReasons"]), tc.reason) {
				t.Errorf("admin reasons %v lack %s", v["reviewReasons"], tc.reason)
			}
			listed := strings.Contains(mustMarshal(t, v["documents"]), "AADHAAR_QR_PHOTO")
			if listed != hasQR {
				t.Errorf("QR photo listed %v, want %v", listed, hasQR)
			}
			if hasQR {
				img, err := png.Decode(bytes.NewReader(fetch(t, srv.BaseURL+"/v1/admin/kyc/"+sid+"/documents/AADHAAR_QR_PHOTO", admin)))
				if err != nil || img.Bounds().Dx() < 32 {
					t.Errorf("QR photo: %v %v", err, img)
				}
			}
		})
	}
	assertNoAadhaar(t, srv, rcv, aadhaars...)
}

// checkQR compares the status's aadhaarQr with the kit's person: values, the photo, and the hash checks
// (the phone given at initiate is the QR's mobile; the e-mail is another one).
func checkQR(t *testing.T, qr map[string]any, p cardkit.Person, signature string) {
	t.Helper()
	last4 := p.Aadhaar[len(p.Aadhaar)-4:]
	want := map[string]any{"signature": signature, "dateOfBirth": p.DOBISO(), "aadhaarLast4": last4,
		"hasPhoto": true, "phoneVerified": true, "emailVerified": false, "pinCode": p.PIN}
	for k, w := range want {
		if qr[k] != w {
			t.Errorf("aadhaarQr.%s = %v, want %v", k, qr[k], w)
		}
	}
	if signature == "VALID" && !strings.EqualFold(qr["name"].(string), p.Name) {
		t.Errorf("aadhaarQr.name %v, want %s", qr["name"], p.Name)
	}
	if g := qr["gender"]; g != "MALE" && g != "FEMALE" {
		t.Errorf("aadhaarQr.gender %v", g)
	}
}

func uploadAll(t *testing.T, srv *testserver.Server, key, user string, docs kycdocs.Set) {
	t.Helper()
	for _, f := range []struct {
		doc  kycv1.DocumentType
		path string
	}{
		{kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD, docs.PAN},
		{kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT, docs.AadhaarFront},
		{kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK, docs.AadhaarBack},
		{kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO, docs.LivePhoto},
	} {
		uploadFile(t, srv, key, user, f.doc, f.path)
	}
}
