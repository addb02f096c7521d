package webhook

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// TestBodyScores: verificationScores carries qrFaceMatchScore (rounded like the others) when the Secure QR's
// photo was compared, and leaves it out otherwise; the aadhaarQr in the stored extracted data passes as stored.
func TestBodyScores(t *testing.T) {
	face, live, qr := 0.812345, 0.9, 0.933333
	sess := store.Session{ID: uuid.New(), ExternalUserID: "u1", Status: "FACE_VERIFIED", FaceMatchScore: &face,
		LivenessScore: &live, ExtractedData: []byte(`{"aadhaarQr": {"signature": "VALID", "phoneVerified": null}}`)}
	for _, c := range []struct {
		name string
		qr   *float64
		want string
	}{
		{"QR photo compared", &qr, `"verificationScores":{"faceMatchScore":0.8123,"livenessScore":0.9,"qrFaceMatchScore":0.9333}`},
		{"no QR photo", nil, `"verificationScores":{"faceMatchScore":0.8123,"livenessScore":0.9}}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			body, err := Body(uuid.New(), EventVerificationCompleted, time.Now(), Subject{Session: sess, QRFaceMatchScore: c.qr})
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{c.want, `"extractedData":{"aadhaarQr":{"signature":"VALID","phoneVerified":null}}`} {
				if !strings.Contains(string(body), want) {
					t.Errorf("%s lacks %s", body, want)
				}
			}
		})
	}
}
