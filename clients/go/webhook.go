package kyc

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ErrWebhookSignature is wrapped by every VerifyWebhook failure: treat the delivery as not from EnxtAI.
var ErrWebhookSignature = errors.New("kyc: webhook signature")

// DefaultWebhookTolerance is how far a Standard Webhooks timestamp may be from now (either way) before the
// delivery is refused as a replay.
const DefaultWebhookTolerance = 5 * time.Minute

// WebhookEvent is a delivery's body, as the API guide's JSON schema defines it.
type WebhookEvent struct {
	ID        string      `json:"id"`
	Event     string      `json:"event"` // kyc.documents_uploaded, kyc.verification_completed, kyc.status_changed
	Timestamp time.Time   `json:"timestamp"`
	Data      WebhookData `json:"data"`
}

// WebhookData is the session an event is about.
type WebhookData struct {
	KycSessionID       string            `json:"kycSessionId"`
	ExternalUserID     string            `json:"externalUserId"`
	Status             string            `json:"status"`
	ExtractedData      *WebhookExtracted `json:"extractedData,omitempty"`
	VerificationScores *WebhookScores    `json:"verificationScores,omitempty"`
}

// WebhookExtracted is what was read from the cards (the Aadhaar number masked).
type WebhookExtracted struct {
	PanNumber     string `json:"panNumber,omitempty"`
	AadhaarNumber string `json:"aadhaarNumber,omitempty"`
	FullName      string `json:"fullName,omitempty"`
	DateOfBirth   string `json:"dateOfBirth,omitempty"`
	Address       string `json:"address,omitempty"`
}

// WebhookScores are the biometric scores, 0 to 1.
type WebhookScores struct {
	FaceMatchScore *float64 `json:"faceMatchScore,omitempty"`
	LivenessScore  *float64 `json:"livenessScore,omitempty"`
}

// WebhookOption adjusts VerifyWebhook.
type WebhookOption func(*webhookSettings)

type webhookSettings struct {
	tolerance  time.Duration
	now        func() time.Time
	requireStd bool
}

// WithTolerance sets the accepted clock difference for the Standard Webhooks timestamp.
func WithTolerance(d time.Duration) WebhookOption {
	return func(s *webhookSettings) { s.tolerance = d }
}

// WithClock replaces time.Now (for tests).
func WithClock(now func() time.Time) WebhookOption { return func(s *webhookSettings) { s.now = now } }

// RequireStandardWebhooks refuses deliveries that carry only X-Signature (which cannot detect a replay).
func RequireStandardWebhooks() WebhookOption { return func(s *webhookSettings) { s.requireStd = true } }

// VerifyWebhook checks a delivery against the webhook secret and returns its parsed body. Pass the raw body
// exactly as received. When the Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature)
// are present they must verify, within the timestamp tolerance; when X-Signature (hex HMAC-SHA256 of the body,
// the guide's scheme) is present it must verify too; at least one of the two must be there.
func VerifyWebhook(h http.Header, rawBody []byte, secret string, opts ...WebhookOption) (*WebhookEvent, error) {
	s := webhookSettings{tolerance: DefaultWebhookTolerance, now: time.Now}
	for _, o := range opts {
		o(&s)
	}
	if secret == "" {
		return nil, fmt.Errorf("%w: empty secret", ErrWebhookSignature)
	}
	hasStd := h.Get("webhook-signature") != ""
	hasHex := h.Get("X-Signature") != ""
	switch {
	case !hasStd && !hasHex:
		return nil, fmt.Errorf("%w: no X-Signature or webhook-signature header", ErrWebhookSignature)
	case !hasStd && s.requireStd:
		return nil, fmt.Errorf("%w: no Standard Webhooks headers", ErrWebhookSignature)
	}
	if hasStd {
		if err := verifyStandard(h, rawBody, secret, s); err != nil {
			return nil, err
		}
	}
	if hasHex {
		if err := verifyHex(h.Get("X-Signature"), rawBody, secret); err != nil {
			return nil, err
		}
	}
	var ev WebhookEvent
	if err := json.Unmarshal(rawBody, &ev); err != nil {
		return nil, fmt.Errorf("kyc: webhook body: %w", err)
	}
	return &ev, nil
}

func verifyHex(got string, body []byte, secret string) error {
	want, err := hex.DecodeString(strings.TrimSpace(got))
	if err != nil {
		return fmt.Errorf("%w: X-Signature is not hex", ErrWebhookSignature)
	}
	if !hmac.Equal(want, hmacSHA256([]byte(secret), body)) {
		return fmt.Errorf("%w: X-Signature does not match", ErrWebhookSignature)
	}
	return nil
}

func verifyStandard(h http.Header, body []byte, secret string, s webhookSettings) error {
	id, ts := h.Get("webhook-id"), h.Get("webhook-timestamp")
	if id == "" || ts == "" {
		return fmt.Errorf("%w: webhook-id or webhook-timestamp missing", ErrWebhookSignature)
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: webhook-timestamp is not a number", ErrWebhookSignature)
	}
	if d := s.now().Sub(time.Unix(sec, 0)); d > s.tolerance || d < -s.tolerance {
		return fmt.Errorf("%w: webhook-timestamp is %s away from now (a replay?)", ErrWebhookSignature, d.Round(time.Second))
	}
	mac := hmacSHA256(StandardWebhooksKey(secret), []byte(id+"."+ts+"."+string(body)))
	for _, sig := range strings.Fields(h.Get("webhook-signature")) {
		version, b64, ok := strings.Cut(sig, ",")
		if !ok || version != "v1" {
			continue
		}
		if got, err := base64.StdEncoding.DecodeString(b64); err == nil && hmac.Equal(got, mac) {
			return nil
		}
	}
	return fmt.Errorf("%w: no webhook-signature matches", ErrWebhookSignature)
}

// StandardWebhooksKey is the HMAC key of the Standard Webhooks signature for a secret, as the Standard
// Webhooks libraries read secrets: without a "whsec_" prefix and base64-decoded; a secret that is not base64
// is used as its raw bytes.
func StandardWebhooksKey(secret string) []byte {
	if k, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_")); err == nil {
		return k
	}
	return []byte(secret)
}

func hmacSHA256(key, msg []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(msg)
	return m.Sum(nil)
}
