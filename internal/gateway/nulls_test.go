package gateway

import (
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
)

// TestMarshalNullWhenUnset: REST shows aadhaarQr's unknown phoneVerified/emailVerified as null, true and false
// as they are, and every other part of a response exactly as JSONPb does (unset optional scores left out).
func TestMarshalNullWhenUnset(t *testing.T) {
	yes, no := true, false
	score := 0.91
	status := func(qr *kycv1.AadhaarQr) *kycv1.GetKycStatusResponse {
		return &kycv1.GetKycStatusResponse{Session: &kycv1.KycSession{
			KycSessionId: "s1", Status: kycv1.KycStatus_FACE_VERIFIED,
			ExtractedData:      &kycv1.ExtractedData{FullName: proto.String("PRIYA SHARMA"), AadhaarQr: qr},
			VerificationScores: &kycv1.VerificationScores{FaceMatchScore: &score},
		}}
	}
	rest := `{"kycSessionId":"s1","externalUserId":"","status":"FACE_VERIFIED","progress":0,` +
		`"extractedData":{"fullName":"PRIYA SHARMA"%s},"verificationScores":{"faceMatchScore":0.91}}`
	qrJSON := `,"aadhaarQr":{"signature":"VALID","name":"Priya","dateOfBirth":"","gender":"","address":"",` +
		`"pinCode":"","aadhaarLast4":"1234","hasPhoto":true%s}`
	qr := func(phone, email *bool) *kycv1.AadhaarQr {
		return &kycv1.AadhaarQr{Signature: "VALID", Name: "Priya", AadhaarLast4: "1234", HasPhoto: true,
			PhoneVerified: phone, EmailVerified: email}
	}
	review := &kycv1.GetReviewResponse{Session: status(qr(nil, &no)).GetSession(), Metadata: map[string]string{"plan": "gold"},
		ReviewReasons: []*kycv1.ReviewReason{{Code: "aadhaar_qr_untrusted"}}, OcrResult: mustStruct(t,
			map[string]any{"aadhaarQr": map[string]any{"signature": "VALID", "side": "AADHAAR_BACK"}})}
	cases := []struct {
		name string
		msg  proto.Message
		want string
	}{
		{"no QR", status(nil), strings.Replace(rest, "%s", "", 1)},
		{"both known", status(qr(&yes, &no)), strings.Replace(rest, "%s",
			strings.Replace(qrJSON, "%s", `,"phoneVerified":true,"emailVerified":false`, 1), 1)},
		{"phone unknown", status(qr(nil, &yes)), strings.Replace(rest, "%s",
			strings.Replace(qrJSON, "%s", `,"phoneVerified":null,"emailVerified":true`, 1), 1)},
		{"both unknown", status(qr(nil, nil)), strings.Replace(rest, "%s",
			strings.Replace(qrJSON, "%s", `,"phoneVerified":null,"emailVerified":null`, 1), 1)},
	}
	m := newJSONMarshaler()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := m.Marshal(tc.msg)
			if err != nil {
				t.Fatal(err)
			}
			if compact(string(got)) != `{"session":`+tc.want+`}` {
				t.Errorf("got  %s\nwant %s", compact(string(got)), `{"session":`+tc.want+`}`)
			}
		})
	}
	// The admin detail: the session's aadhaarQr gets its null, the card reading (a Struct) stays as stored.
	got, err := m.Marshal(review)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"phoneVerified":null,"emailVerified":false}`, `"metadata":{"plan":"gold"}`,
		`"ocrResult":{"aadhaarQr":{"side":"AADHAAR_BACK","signature":"VALID"}}`} {
		if !strings.Contains(compact(string(got)), want) {
			t.Errorf("admin detail %s lacks %s", got, want)
		}
	}
	// Without such a message the bytes are JSONPb's own.
	plain, _ := m.JSONPb.Marshal(status(nil))
	if ours, _ := m.Marshal(status(nil)); string(ours) != string(plain) {
		t.Errorf("ours %s, JSONPb %s", ours, plain)
	}
}

// compact drops the spaces protojson may add after commas (its output is deliberately unstable).
func compact(s string) string { return strings.ReplaceAll(s, ", ", ",") }

func mustStruct(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
