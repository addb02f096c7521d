package webhook

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/blob/envelope"
	"github.com/enxtai/kyc/internal/store"
)

// Sender signs and posts deliveries through the guard.
type Sender struct {
	guard *Guard
	keys  *envelope.Keyring
}

// NewSender returns a sender; keys open the stored secrets.
func NewSender(g *Guard, keys *envelope.Keyring) *Sender { return &Sender{guard: g, keys: keys} }

// Result is what an endpoint answered.
type Result struct {
	StatusCode int // 0: no answer
	Latency    time.Duration
	Err        error // nil when the endpoint answered 2xx; a *SendError from the request, safe to show the client
}

// Send posts body to the client's endpoint with the signature headers.
func (s *Sender) Send(ctx context.Context, cfg store.WebhookConfig, id uuid.UUID, event string, body []byte) Result {
	secret, err := s.OpenSecret(cfg)
	if err != nil {
		return Result{Err: err}
	}
	u, err := s.guard.CheckURL(cfg.URL)
	if err != nil {
		return Result{Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return Result{Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "EnxtAI-KYC-Webhooks/1.0")
	req.Header.Set("X-Event", event)
	if err := Sign(req.Header, secret, id.String(), time.Now(), body); err != nil {
		return Result{Err: err}
	}
	start := time.Now()
	resp, err := post(s.guard.Client(u), req, event)
	lat := time.Since(start)
	if err != nil {
		return Result{Latency: lat, Err: publicError(err)}
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 4*excerptLen))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	r := Result{StatusCode: resp.StatusCode, Latency: lat}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		r.Err = statusError(resp.StatusCode, snippet)
	}
	return r
}

// SealSecret encrypts a client's secret for storage, bound to the client.
func (s *Sender) SealSecret(clientID uuid.UUID, secret string) ([]byte, error) {
	return envelope.Seal(s.keys, []byte(secret), secretAAD(clientID))
}

// OpenSecret decrypts a stored secret.
func (s *Sender) OpenSecret(cfg store.WebhookConfig) (string, error) {
	b, err := envelope.Open(s.keys, cfg.SecretEnc, secretAAD(cfg.ClientID))
	if err != nil {
		return "", fmt.Errorf("webhook secret: %w", err)
	}
	return string(b), nil
}

func secretAAD(clientID uuid.UUID) []byte { return []byte("webhook-secret/" + clientID.String()) }
