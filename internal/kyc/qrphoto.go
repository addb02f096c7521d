package kyc

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// QRPhoto is the holder's photo decoded from the Secure QR, encoded as PNG, to be stored beside the documents
// (DocAadhaarQRPhoto).
type QRPhoto struct {
	PNG           []byte
	Width, Height int
}

// putQRPhoto seals the photo into the vault under the session's prefix and returns the document row to record.
func (s *Service) putQRPhoto(ctx context.Context, id uuid.UUID, p *QRPhoto) (store.Document, error) {
	if s.uploads == nil || s.uploads.Vault == nil {
		return store.Document{}, errors.New("kyc: no document storage for the QR photo")
	}
	sess, err := getSession(ctx, s.store, id)
	if err != nil {
		return store.Document{}, err
	}
	key := objectKey(sess.ClientID, id, DocAadhaarQRPhoto, "png", time.Now())
	if _, err := s.uploads.Vault.Put(ctx, key, bytes.NewReader(p.PNG)); err != nil {
		return store.Document{}, storageErr(err)
	}
	sum := sha256.Sum256(p.PNG)
	return store.Document{SessionID: id, Type: string(DocAadhaarQRPhoto), ObjectKey: key, ContentType: "image/png",
		Size: int64(len(p.PNG)), Width: p.Width, Height: p.Height, SHA256: sum[:]}, nil
}

// FaceEvidence records, in the card reading, what the face step compared: when the Secure QR's photo was
// compared besides the card's printed one, which matched the selfie best and each score; and where the compared
// faces are (Faces, for the reviewers' crops; absent in runs from before they were kept).
type FaceEvidence struct {
	Best               string     `json:"best,omitempty"` // FaceRefCard or FaceRefQR; set when the QR photo was compared
	CardFaceMatchScore *float64   `json:"cardFaceMatchScore,omitempty"`
	QRFaceMatchScore   *float64   `json:"qrFaceMatchScore,omitempty"`
	Faces              *FaceBoxes `json:"faces,omitempty"`
}

// The reference photos a selfie is compared with.
const (
	FaceRefCard = "aadhaar_card"
	FaceRefQR   = "aadhaar_qr_photo"
)

// withFaceEvidence adds the face evidence to a stored card reading (an object), keeping the rest as it is.
func withFaceEvidence(ocrResult json.RawMessage, e *FaceEvidence) (json.RawMessage, error) {
	m := map[string]json.RawMessage{}
	if len(ocrResult) > 0 {
		if err := json.Unmarshal(ocrResult, &m); err != nil {
			return nil, err
		}
	}
	raw, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	m["faceEvidence"] = raw
	return json.Marshal(m)
}

// QRFaceMatchScore is the score of the selfie against the Secure QR's photo, when the current run compared
// them (verificationScores.qrFaceMatchScore).
func QRFaceMatchScore(s Session) *float64 {
	if s.FaceMatchScore == nil || len(s.OCRResult) == 0 {
		return nil // a new run has not compared faces yet: its old evidence is not shown
	}
	var r struct {
		FaceEvidence *FaceEvidence `json:"faceEvidence"`
	}
	if json.Unmarshal(s.OCRResult, &r) != nil || r.FaceEvidence == nil {
		return nil
	}
	return r.FaceEvidence.QRFaceMatchScore
}

// QRSignature is the verdict on the session's Secure QR as the card step recorded it ("" without one).
func QRSignature(s Session) string {
	var d struct {
		AadhaarQR *AadhaarQR `json:"aadhaarQr"`
	}
	if len(s.ExtractedData) == 0 || json.Unmarshal(s.ExtractedData, &d) != nil || d.AadhaarQR == nil {
		return ""
	}
	return d.AadhaarQR.Signature
}
