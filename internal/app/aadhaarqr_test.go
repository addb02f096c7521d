package app_test

import (
	"bytes"
	"context"
	"image/png"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
	"github.com/enxtai/kyc/internal/testkit/testserver"
	"github.com/enxtai/kyc/internal/testkit/webhooktest"
)

// TestAadhaarQREndToEnd: the kit's Secure QR variants through the whole pipeline, the kit's test certificate
// trusted through KYC_AADHAAR_QR_CERTS. After the uploads the status shows extractedData.aadhaarQr (absent
// without a decoded QR; phoneVerified/emailVerified true, false, or null when unknown over REST and unset over
// gRPC), the decision follows the QR (a tampered QR is never auto-approved), the webhook carries the same
// aadhaarQr and qrFaceMatchScore, and the admin detail and review list show them with the reasons and serve the
// QR photo. A re-run whose new Aadhaar back has no QR drops the previous QR, its photo and its score.
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
	const otherEmail = "someone.else@example.com"
	cases := []struct {
		variant   cardkit.QRVariant // "": no QR on the card
		signature string            // "": aadhaarQr absent
		status    string
		reason    string // a QR reason the session must carry ("": none of them)
		email     string // given at initiate ("": none, so emailVerified is unknown)
		rerun     bool   // then re-upload the Aadhaar back without a QR
	}{
		{cardkit.QRValid, "VALID", "FACE_VERIFIED", "", otherEmail, false},
		{cardkit.QRTampered, "INVALID", "PENDING_REVIEW", "aadhaar_qr_signature_invalid", otherEmail, true},
		{cardkit.QRUntrusted, "UNTRUSTED", "PENDING_REVIEW", "aadhaar_qr_untrusted", "", false},
		{cardkit.QRUnreadable, "", "PENDING_REVIEW", "aadhaar_qr_unreadable", otherEmail, false},
		{"", "", "FACE_VERIFIED", "", otherEmail, false},
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
			body := `{"externalUserId":"` + user + `","phone":"` + phone + `"}`
			if tc.email != "" {
				body = `{"externalUserId":"` + user + `","phone":"` + phone + `","email":"` + tc.email + `"}`
			}
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
			var wantEmail *bool // unknown without an e-mail given at initiate
			if tc.email != "" {
				wantEmail = new(bool) // the QR's e-mail is another one
			}
			if hasQR {
				checkQR(t, qr, docs.Person, tc.signature, wantEmail)
				checkQRGRPC(t, final, wantEmail)
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
			checkWebhookLikeStatus(t, d, st)

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
			// The review list's summary carries the same scores as the status.
			if tc.status == "PENDING_REVIEW" {
				if got := reviewSummaryScores(t, srv, admin, sid); !reflect.DeepEqual(got, scores) {
					t.Errorf("review summary verificationScores %v, status %v", got, scores)
				}
			}
			if tc.rerun {
				rerunWithoutQR(t, srv, key, admin, rcv, user, sid, int64(300+i))
			}
		})
	}
	assertNoAadhaar(t, srv, rcv, aadhaars...)
}

// checkQR compares the status's aadhaarQr with the kit's person: values, the photo, and the hash checks
// (the phone given at initiate is the QR's mobile; the e-mail, when given, is another one). An unknown
// emailVerified is null, not left out.
func checkQR(t *testing.T, qr map[string]any, p cardkit.Person, signature string, email *bool) {
	t.Helper()
	last4 := p.Aadhaar[len(p.Aadhaar)-4:]
	want := map[string]any{"signature": signature, "dateOfBirth": p.DOBISO(), "aadhaarLast4": last4,
		"hasPhoto": true, "phoneVerified": true, "emailVerified": nil, "pinCode": p.PIN}
	if email != nil {
		want["emailVerified"] = *email
	}
	for k, w := range want {
		if got, present := qr[k]; !present || got != w {
			t.Errorf("aadhaarQr.%s = %v (present %v), want %v", k, got, present, w)
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

// checkQRGRPC: over gRPC the hash checks are optional bools whose presence tells the three states.
func checkQRGRPC(t *testing.T, s *kycv1.KycSession, email *bool) {
	t.Helper()
	qr := s.GetExtractedData().GetAadhaarQr()
	if qr.PhoneVerified == nil || !*qr.PhoneVerified {
		t.Errorf("gRPC phoneVerified %v, want true", qr.PhoneVerified)
	}
	if (qr.EmailVerified == nil) != (email == nil) || (email != nil && *qr.EmailVerified != *email) {
		t.Errorf("gRPC emailVerified %v, want %v", qr.EmailVerified, email)
	}
	if (s.GetVerificationScores().QrFaceMatchScore == nil) != !qr.GetHasPhoto() {
		t.Errorf("gRPC qrFaceMatchScore %v with hasPhoto %v", s.GetVerificationScores().QrFaceMatchScore, qr.GetHasPhoto())
	}
}

// checkWebhookLikeStatus: the webhook's aadhaarQr is the status's exactly (same keys, nulls included), and its
// verificationScores are the status's rounded to 4 decimals (qrFaceMatchScore present exactly when there).
func checkWebhookLikeStatus(t *testing.T, d webhooktest.Delivery, st map[string]any) {
	t.Helper()
	data, _ := d.Payload["data"].(map[string]any)
	wex, _ := data["extractedData"].(map[string]any)
	ex, _ := st["extractedData"].(map[string]any)
	if !reflect.DeepEqual(wex["aadhaarQr"], ex["aadhaarQr"]) {
		t.Errorf("webhook aadhaarQr %v\nstatus aadhaarQr %v", wex["aadhaarQr"], ex["aadhaarQr"])
	}
	wsc, _ := data["verificationScores"].(map[string]any)
	sc, _ := st["verificationScores"].(map[string]any)
	if len(wsc) != len(sc) {
		t.Errorf("webhook verificationScores %v, status %v", wsc, sc)
	}
	for k, v := range sc {
		if w, ok := wsc[k].(float64); !ok || math.Abs(w-v.(float64)) > 5e-5 {
			t.Errorf("webhook verificationScores.%s = %v, status %v", k, wsc[k], v)
		}
	}
}

// reviewSummaryScores is the session's verificationScores in the admin review list.
func reviewSummaryScores(t *testing.T, srv *testserver.Server, admin, sid string) map[string]any {
	t.Helper()
	list := getJSON(t, srv.BaseURL+"/v1/admin/reviews?status=PENDING_REVIEW&pageSize=100", admin)
	sessions, _ := list["sessions"].([]any)
	for _, it := range sessions {
		if m, _ := it.(map[string]any); m["kycSessionId"] == sid {
			sc, _ := m["verificationScores"].(map[string]any)
			return sc
		}
	}
	t.Fatalf("session %s not in the review list %v", sid, list)
	return nil
}

// rerunWithoutQR re-uploads the session's Aadhaar back as the same person's card without a QR: the new run's
// reading has no aadhaarQr, the previous QR photo is gone (row and object) and no qrFaceMatchScore is shown,
// over REST, gRPC, the webhook and the admin detail.
func rerunWithoutQR(t *testing.T, srv *testserver.Server, key, admin string, rcv *webhooktest.Receiver, user, sid string, seed int64) {
	t.Helper()
	var oldPhoto string
	if err := srv.Store().Pool().QueryRow(context.Background(),
		"SELECT object_key FROM documents WHERE session_id = $1 AND doc_type = 'AADHAAR_QR_PHOTO'", sid).Scan(&oldPhoto); err != nil {
		t.Fatalf("the first run stored no QR photo: %v", err)
	}
	docs, err := kycdocs.Write(filepath.Join(t.TempDir(), "no-qr"), seed, "jimin6.jpg", "jimin7.jpg")
	if err != nil {
		t.Fatal(err)
	}
	since := time.Now()
	uploadFile(t, srv, key, user, kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK, docs.AadhaarBack)
	final := waitForOutcome(t, srv, key, sid, 120*time.Second)
	if final.GetExtractedData().GetAadhaarQr() != nil || final.GetVerificationScores().QrFaceMatchScore != nil {
		t.Errorf("gRPC after the re-run: aadhaarQr %v, scores %v", final.GetExtractedData().GetAadhaarQr(), final.GetVerificationScores())
	}
	st := getJSON(t, srv.BaseURL+"/v1/kyc/status/"+sid, key)
	ex, _ := st["extractedData"].(map[string]any)
	sc, _ := st["verificationScores"].(map[string]any)
	if _, ok := ex["aadhaarQr"]; ok {
		t.Errorf("REST aadhaarQr after the re-run: %v", ex["aadhaarQr"])
	}
	if _, ok := sc["qrFaceMatchScore"]; ok || sc["faceMatchScore"] == nil {
		t.Errorf("REST verificationScores after the re-run: %v", sc)
	}
	d := rcv.WaitFor(t, 30*time.Second, func(d webhooktest.Delivery) bool {
		return webhooktest.Event("kyc.verification_completed", sid)(d) && d.Received.After(since)
	})
	checkWebhookLikeStatus(t, d, st)
	v := getJSON(t, srv.BaseURL+"/v1/admin/kyc/"+sid, admin)
	if strings.Contains(mustMarshal(t, v["documents"]), "AADHAAR_QR_PHOTO") {
		t.Errorf("the previous run's QR photo is still listed: %v", v["documents"])
	}
	if code, _, _ := do(t, "GET", srv.BaseURL+"/v1/admin/kyc/"+sid+"/documents/AADHAAR_QR_PHOTO", admin, "", nil); code != 404 {
		t.Errorf("the previous run's QR photo is still served: %d", code)
	}
	if _, err := srv.S3.Client.StatObject(context.Background(), srv.S3.Name, oldPhoto, minio.StatObjectOptions{}); minio.ToErrorResponse(err).Code != "NoSuchKey" {
		t.Errorf("the previous run's QR photo object %s is still stored: %v", oldPhoto, err)
	}
}
