package webhook

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/store"
)

// Service is the client's webhook settings and delivery log. A client has one endpoint per environment: events
// of live sessions go to the endpoint set with a live key, events of test (sandbox) sessions only to the one set
// with a test key, and each key sees the deliveries of its own environment.
type Service struct {
	store  *store.Store
	sender *Sender
	outbox *Outbox
}

// NewService returns the settings use-cases.
func NewService(s *store.Store, sender *Sender, outbox *Outbox) *Service {
	return &Service{store: s, sender: sender, outbox: outbox}
}

var (
	errNoWebhook  = apperr.New(apperr.NotFound, "No webhook endpoint is configured. Set one with PUT /v1/webhooks.")
	errNoDelivery = apperr.New(apperr.NotFound, "Webhook delivery not found.")
)

// Configure sets the client's endpoint of env and its secret (a new one when secret is empty) and returns the
// secret, which is never shown again. The change is audited in the same transaction.
func (s *Service) Configure(ctx context.Context, clientID uuid.UUID, env string, actor audit.Actor, url, secret string) (store.WebhookConfig, string, error) {
	if _, err := s.sender.guard.CheckURL(url); err != nil {
		return store.WebhookConfig{}, "", apperr.Wrap(apperr.Invalid, err, "%s", err.Error())
	}
	generated := secret == ""
	if generated {
		secret = NewSecret()
	}
	enc, err := s.sender.SealSecret(clientID, secret)
	if err != nil {
		return store.WebhookConfig{}, "", apperr.Wrap(apperr.Internal, err, "Internal server error.")
	}
	var cfg store.WebhookConfig
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		cfg, err = tx.PutWebhookConfig(ctx, store.WebhookConfig{ClientID: clientID, Environment: env, URL: url, SecretEnc: enc})
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, audit.Entry{
			Action: audit.ActionWebhookConfigured, TargetType: audit.TargetWebhook, TargetID: clientID.String() + "/" + env,
			ClientID: clientID, Detail: map[string]any{"url": url, "environment": env, "secretGenerated": generated},
		})
	})
	if err != nil {
		return store.WebhookConfig{}, "", dbErr(err)
	}
	return cfg, secret, nil
}

// Config returns the client's endpoint of env.
func (s *Service) Config(ctx context.Context, clientID uuid.UUID, env string) (store.WebhookConfig, error) {
	cfg, err := s.store.GetWebhookConfig(ctx, clientID, env)
	if errors.Is(err, store.ErrNotFound) {
		return cfg, errNoWebhook
	}
	return cfg, dbErr(err)
}

// Remove deletes the client's endpoint of env, audited in the same transaction.
func (s *Service) Remove(ctx context.Context, clientID uuid.UUID, env string, actor audit.Actor) error {
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		ok, err := tx.DeleteWebhookConfig(ctx, clientID, env)
		if err != nil {
			return err
		}
		if !ok {
			return errNoWebhook
		}
		return audit.Record(ctx, tx.Queries, actor, audit.Entry{
			Action: audit.ActionWebhookRemoved, TargetType: audit.TargetWebhook, TargetID: clientID.String() + "/" + env,
			ClientID: clientID, Detail: map[string]any{"environment": env},
		})
	})
	return dbErr(err)
}

// TestID marks test deliveries: a status_changed event about the nil session, which no real session has.
var TestID = uuid.Nil

// Test sends a signed test delivery now and reports the answer. It is not recorded in the delivery log.
func (s *Service) Test(ctx context.Context, clientID uuid.UUID, env string) (Result, error) {
	cfg, err := s.Config(ctx, clientID, env)
	if err != nil {
		return Result{}, err
	}
	id := uuid.New()
	body, err := Body(id, EventStatusChanged, time.Now(), Subject{Session: store.Session{ID: TestID, ExternalUserID: "webhook-test", Status: "PENDING"}})
	if err != nil {
		return Result{}, err
	}
	return s.sender.Send(ctx, cfg, id, EventStatusChanged, body), nil
}

// Page is one page of deliveries.
type Page struct {
	Deliveries []store.Delivery
	Next       string
}

type cursor struct {
	T  time.Time `json:"t"`
	ID uuid.UUID `json:"i"`
}

// Deliveries lists the client's deliveries of env, newest first.
func (s *Service) Deliveries(ctx context.Context, clientID uuid.UUID, env, status string, size int, token string) (Page, error) {
	if size <= 0 {
		size = 20
	}
	var after *time.Time
	var afterID uuid.UUID
	if token != "" {
		var c cursor
		raw, err := base64.RawURLEncoding.DecodeString(token)
		if err != nil || json.Unmarshal(raw, &c) != nil {
			return Page{}, apperr.New(apperr.Invalid, "Invalid pageToken.")
		}
		after, afterID = &c.T, c.ID
	}
	ds, err := s.store.ListDeliveries(ctx, clientID, env, status, after, afterID, size+1)
	if err != nil {
		return Page{}, dbErr(err)
	}
	p := Page{Deliveries: ds}
	if len(ds) > size {
		p.Deliveries = ds[:size]
		last := ds[size-1]
		raw, _ := json.Marshal(cursor{T: last.CreatedAt, ID: last.ID})
		p.Next = base64.RawURLEncoding.EncodeToString(raw)
	}
	return p, nil
}

// Redeliver sends a delivery again: same id and body, a fresh series of attempts. A delivery still pending
// keeps its one job, which is made to try now: redelivering it again and again never queues more jobs.
// Another client's delivery is 403; one of the client's other environment is not found (as sessions are).
func (s *Service) Redeliver(ctx context.Context, clientID uuid.UUID, env string, id uuid.UUID) (store.Delivery, error) {
	var out store.Delivery
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		d, err := tx.GetDelivery(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return errNoDelivery
		}
		if err != nil {
			return err
		}
		if d.ClientID != clientID {
			return apperr.New(apperr.Forbidden, "This webhook delivery belongs to a different client.")
		}
		if d.Environment != env {
			return errNoDelivery
		}
		if d.Body == nil {
			return apperr.New(apperr.FailedState, "This delivery's body was erased after the retention period; it cannot be redelivered.")
		}
		if out, err = tx.ReopenDelivery(ctx, id); err != nil {
			return err
		}
		_, err = s.outbox.enqueue(ctx, tx, id)
		return err
	})
	return out, dbErr(err)
}

func dbErr(err error) error { return apperr.Dependency(err, store.IsUnavailable(err)) }
