package webhook

import (
	"bytes"
	"encoding/json"
	"math"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// The events of the API guide.
const (
	EventDocumentsUploaded     = "kyc.documents_uploaded"
	EventVerificationCompleted = "kyc.verification_completed"
	EventStatusChanged         = "kyc.status_changed"
)

// payload is the guide's webhook body. Field order is the order on the wire.
type payload struct {
	ID        string `json:"id"`
	Event     string `json:"event"`
	Timestamp string `json:"timestamp"`
	Data      data   `json:"data"`
}

type data struct {
	KycSessionID       string          `json:"kycSessionId"`
	ExternalUserID     string          `json:"externalUserId"`
	Status             string          `json:"status"`
	ExtractedData      json.RawMessage `json:"extractedData,omitempty"`
	VerificationScores *scores         `json:"verificationScores,omitempty"`
}

type scores struct {
	FaceMatchScore   *float64 `json:"faceMatchScore,omitempty"`
	LivenessScore    *float64 `json:"livenessScore,omitempty"`
	QRFaceMatchScore *float64 `json:"qrFaceMatchScore,omitempty"`
}

// Subject is the session an event is about: the stored session, and what internal/kyc derives from it by its
// own rules for the payload, as the status response shows it.
type Subject struct {
	store.Session
	// QRFaceMatchScore is the selfie's score against the Aadhaar Secure QR's photo when the session's current
	// run compared them (verificationScores.qrFaceMatchScore); nil otherwise.
	QRFaceMatchScore *float64
}

// Body renders an event about a session as the exact bytes to sign and send: compact JSON without HTML
// escaping, so a receiver that re-serialises the parsed body (the guide's Node example, JSON.stringify) gets the
// same bytes back. Scores are rounded to 4 decimals so both languages print them alike.
func Body(id uuid.UUID, event string, at time.Time, s Subject) ([]byte, error) {
	p := payload{
		ID:        id.String(),
		Event:     event,
		Timestamp: at.UTC().Format("2006-01-02T15:04:05.000Z"),
		Data: data{
			KycSessionID: s.ID.String(), ExternalUserID: s.ExternalUserID, Status: s.Status,
			ExtractedData: compact(s.ExtractedData),
		},
	}
	if s.FaceMatchScore != nil || s.LivenessScore != nil {
		p.Data.VerificationScores = &scores{FaceMatchScore: round4(s.FaceMatchScore), LivenessScore: round4(s.LivenessScore),
			QRFaceMatchScore: round4(s.QRFaceMatchScore)}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// compact re-encodes stored JSON without whitespace or HTML escaping, keeping its key order.
func compact(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" || string(raw) == "{}" {
		return nil
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return nil
	}
	return b.Bytes()
}

func round4(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := math.Round(*v*1e4) / 1e4
	return &r
}
