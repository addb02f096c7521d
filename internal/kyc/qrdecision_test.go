package kyc

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestQRDecision: the Secure QR's part of the approval rule, through the stored reading as the card step writes
// it. A VALID QR agreeing with the cards keeps auto-approval; an INVALID or UNTRUSTED signature, an unreadable
// QR, or a VALID QR disagreeing with the cards (beyond a partial name) sends the session to a reviewer; no QR
// changes nothing; a discrepancy of an untrusted QR is not evidence.
func TestQRDecision(t *testing.T) {
	nameOCR := QRDiscrepancy{Field: "name", Source: "aadhaar_ocr"}
	partialPAN := QRDiscrepancy{Field: "name", Source: "pan", Partial: true}
	dobPAN := QRDiscrepancy{Field: "dob", Source: "pan"}
	cases := []struct {
		name string
		qr   *QRReading
		want []string // reason codes
	}{
		{"no QR", nil, nil},
		{"valid, agreeing", &QRReading{Signature: QRSignatureValid}, nil},
		{"valid, partial name only", &QRReading{Signature: QRSignatureValid, Discrepancies: []QRDiscrepancy{partialPAN}}, nil},
		{"valid, name differs", &QRReading{Signature: QRSignatureValid, Discrepancies: []QRDiscrepancy{nameOCR, partialPAN}}, []string{ReasonQRMismatch}},
		{"valid, DOB differs from PAN", &QRReading{Signature: QRSignatureValid, Discrepancies: []QRDiscrepancy{dobPAN}}, []string{ReasonQRMismatch}},
		{"tampered", &QRReading{Signature: QRSignatureInvalid, Discrepancies: []QRDiscrepancy{nameOCR}}, []string{ReasonQRSignatureInvalid}},
		{"untrusted signer", &QRReading{Signature: QRSignatureUntrusted, Discrepancies: []QRDiscrepancy{dobPAN}}, []string{ReasonQRUntrusted}},
		{"visible, not decoded", &QRReading{Unreadable: true, Findings: []string{"qr_unreadable"}}, []string{ReasonQRUnreadable}},
		{"decoded, payload broken", &QRReading{Unreadable: true, Findings: []string{"payload_truncated"}}, []string{ReasonQRUnreadable}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stored := map[string]any{"pan": map[string]any{}, "aadhaarQr": c.qr}
			raw, err := json.Marshal(stored)
			if err != nil {
				t.Fatal(err)
			}
			reasons := CardReasons(raw)
			var codes []string
			for _, r := range reasons {
				codes = append(codes, r.Code)
				if r.Message == "" {
					t.Errorf("reason %s has no words", r.Code)
				}
			}
			if !reflect.DeepEqual(codes, c.want) {
				t.Fatalf("reasons %v, want %v", codes, c.want)
			}
			o := decideRun(FaceCheck{Passed: true}, reasons)
			if o.Approved != (len(c.want) == 0) {
				t.Fatalf("approved=%v with reasons %v", o.Approved, codes)
			}
		})
	}
}

// TestQRMismatchWords: the reviewer is told which values disagree and with what, never the values themselves.
func TestQRMismatchWords(t *testing.T) {
	rs := qrReasons(&QRReading{Signature: QRSignatureValid, Discrepancies: []QRDiscrepancy{
		{Field: "aadhaar_last4", Source: "aadhaar_ocr"}, {Field: "name", Source: "pan", Partial: true}}})
	if len(rs) != 1 || !strings.Contains(rs[0].Message, "aadhaar_last4 (aadhaar_ocr)") || strings.Contains(rs[0].Message, "pan") {
		t.Fatalf("reasons %+v", rs)
	}
}

// TestWithSignedQR: a VALID QR's signed values replace OCR's where OCR disagrees or read nothing; any other
// verdict leaves OCR's values and only adds the QR for display. The masked number comes from OCR when it read
// all 12 digits, else from the QR's last 4.
func TestWithSignedQR(t *testing.T) {
	ocr := ExtractedData{PanNumber: "ABCDE1234F", FullName: "RAHUL KUMAR", DateOfBirth: "1990-01-02",
		Address: "12, MG Road, Pune - 411001", AadhaarNumber: "XXXX XXXX 9999"}
	qr := AadhaarQR{Signature: QRSignatureValid, Name: "Rahul Kumar", DateOfBirth: "1990-02-01",
		Address: "12 MG Road Pune - 411001", AadhaarLast4: "1234"}
	cases := []struct {
		name    string
		in      ExtractedData
		qr      AadhaarQR
		fullOCR bool
		want    ExtractedData
	}{
		{"valid: DOB corrected, name and address agree, OCR number kept", ocr, qr, true,
			ExtractedData{PanNumber: "ABCDE1234F", FullName: "RAHUL KUMAR", DateOfBirth: "1990-02-01",
				Address: "12, MG Road, Pune - 411001", AadhaarNumber: "XXXX XXXX 9999"}},
		{"valid: OCR read nothing", ExtractedData{PanNumber: "ABCDE1234F"}, qr, false,
			ExtractedData{PanNumber: "ABCDE1234F", FullName: "Rahul Kumar", DateOfBirth: "1990-02-01",
				Address: "12 MG Road Pune - 411001", AadhaarNumber: "XXXX XXXX 1234"}},
		{"valid: another name, a different address", ExtractedData{FullName: "SUNITA DEVI", Address: "Mumbai"}, qr, false,
			ExtractedData{FullName: "Rahul Kumar", DateOfBirth: "1990-02-01", Address: "12 MG Road Pune - 411001",
				AadhaarNumber: "XXXX XXXX 1234"}},
		{"invalid: nothing replaced", ExtractedData{PanNumber: "ABCDE1234F"}, AadhaarQR{Signature: QRSignatureInvalid, Name: "X", AadhaarLast4: "1234"}, false,
			ExtractedData{PanNumber: "ABCDE1234F"}},
		{"untrusted: nothing replaced", ocr, AadhaarQR{Signature: QRSignatureUntrusted, DateOfBirth: "2000-01-01"}, false, ocr},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := c.qr
			got := c.in.WithSignedQR(&q, c.fullOCR)
			if got.AadhaarQR != &q {
				t.Fatal("the QR is not shown")
			}
			got.AadhaarQR = nil
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
	if got := ocr.WithSignedQR(nil, true); !reflect.DeepEqual(got, ocr) {
		t.Fatalf("no QR changed %+v", got)
	}
}

// TestAadhaarQRJSON: the API's names in the proto's order, every key present as REST shows it (webhooks send
// this JSON), and phoneVerified/emailVerified null when unknown, not left out.
func TestAadhaarQRJSON(t *testing.T) {
	yes := true
	raw, err := json.Marshal(ExtractedData{AadhaarQR: &AadhaarQR{Signature: "VALID", HasPhoto: true, PhoneVerified: &yes}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"aadhaarQr":{"signature":"VALID","name":"","dateOfBirth":"","gender":"","address":"","pinCode":"",` +
		`"aadhaarLast4":"","hasPhoto":true,"phoneVerified":true,"emailVerified":null}}`
	if string(raw) != want {
		t.Fatalf("%s, want %s", raw, want)
	}
	if raw, _ := json.Marshal(ExtractedData{PanNumber: "ABCDE1234F"}); strings.Contains(string(raw), "aadhaarQr") {
		t.Fatalf("no QR, yet %s", raw)
	}
}

// TestQRFaceMatchScore: the QR photo's score is read back from the face evidence of the current run only.
func TestQRFaceMatchScore(t *testing.T) {
	card, qr := 0.8, 0.9
	raw, err := withFaceEvidence(json.RawMessage(`{"pan":{"findings":[]}}`), &FaceEvidence{Best: FaceRefQR, CardFaceMatchScore: &card, QRFaceMatchScore: &qr})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"pan":{"findings":[]}`) {
		t.Fatalf("the reading was not kept: %s", raw)
	}
	if got := QRFaceMatchScore(Session{OCRResult: raw, FaceMatchScore: &card}); got == nil || *got != qr {
		t.Fatalf("score %v", got)
	}
	if got := QRFaceMatchScore(Session{OCRResult: raw}); got != nil {
		t.Fatal("a run without face scores showed the previous run's QR score")
	}
}

// TestQRPhotoIsNotAnUpload: the QR photo is stored by the card step only; clients cannot upload it, and it does
// not count among the documents a session needs.
func TestQRPhotoIsNotAnUpload(t *testing.T) {
	if IsDocumentType(DocAadhaarQRPhoto) {
		t.Fatal("AADHAAR_QR_PHOTO is accepted as an upload")
	}
	if m := missingDocuments([]Document{{Type: DocAadhaarQRPhoto}, {Type: DocPAN}, {Type: DocAadhaarFront}, {Type: DocAadhaarBack}}); !reflect.DeepEqual(m, []string{"LIVE_PHOTO"}) {
		t.Fatalf("missing %v", m)
	}
}
