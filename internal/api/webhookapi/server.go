// Package webhookapi serves kyc.v1.WebhookService: thin handlers over internal/webhook's use-cases.
package webhookapi

import (
	"context"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/webhook"
)

// Server implements kyc.v1.WebhookService.
type Server struct {
	kycv1.UnimplementedWebhookServiceServer
	svc *webhook.Service
}

// New returns the service.
func New(svc *webhook.Service) *Server { return &Server{svc: svc} }

var _ kycv1.WebhookServiceServer = (*Server)(nil)

func (s *Server) PutWebhook(ctx context.Context, req *kycv1.PutWebhookRequest) (*kycv1.PutWebhookResponse, error) {
	c := client(ctx)
	cfg, secret, err := s.svc.Configure(ctx, c.ClientID, c.Environment, api.Actor(ctx), req.GetUrl(), req.GetSecret())
	if err != nil {
		return nil, err
	}
	return &kycv1.PutWebhookResponse{Webhook: toConfig(cfg), Secret: secret}, nil
}

func (s *Server) GetWebhook(ctx context.Context, _ *kycv1.GetWebhookRequest) (*kycv1.GetWebhookResponse, error) {
	c := client(ctx)
	cfg, err := s.svc.Config(ctx, c.ClientID, c.Environment)
	if err != nil {
		return nil, err
	}
	return &kycv1.GetWebhookResponse{Webhook: toConfig(cfg)}, nil
}

func (s *Server) DeleteWebhook(ctx context.Context, _ *kycv1.DeleteWebhookRequest) (*kycv1.DeleteWebhookResponse, error) {
	c := client(ctx)
	return &kycv1.DeleteWebhookResponse{}, s.svc.Remove(ctx, c.ClientID, c.Environment, api.Actor(ctx))
}

func (s *Server) TestWebhook(ctx context.Context, _ *kycv1.TestWebhookRequest) (*kycv1.TestWebhookResponse, error) {
	c := client(ctx)
	r, err := s.svc.Test(ctx, c.ClientID, c.Environment)
	if err != nil {
		return nil, err
	}
	out := &kycv1.TestWebhookResponse{Success: r.Err == nil, StatusCode: int32(r.StatusCode), LatencyMs: r.Latency.Milliseconds()}
	if r.Err != nil {
		out.Error = r.Err.Error()
	}
	return out, nil
}

func (s *Server) ListWebhookDeliveries(ctx context.Context, req *kycv1.ListWebhookDeliveriesRequest) (*kycv1.ListWebhookDeliveriesResponse, error) {
	c := client(ctx)
	p, err := s.svc.Deliveries(ctx, c.ClientID, c.Environment, req.GetStatus(), int(req.GetPageSize()), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &kycv1.ListWebhookDeliveriesResponse{NextPageToken: p.Next}
	for _, d := range p.Deliveries {
		out.Deliveries = append(out.Deliveries, toDelivery(d))
	}
	return out, nil
}

func (s *Server) RedeliverWebhook(ctx context.Context, req *kycv1.RedeliverWebhookRequest) (*kycv1.RedeliverWebhookResponse, error) {
	c := client(ctx)
	id, err := api.ParseID("deliveryId", req.GetDeliveryId())
	if err != nil {
		return nil, err
	}
	d, err := s.svc.Redeliver(ctx, c.ClientID, c.Environment, id)
	if err != nil {
		return nil, err
	}
	return &kycv1.RedeliverWebhookResponse{Delivery: toDelivery(d)}, nil
}

// client is the caller's client and environment (each environment has its own endpoint and deliveries); the
// auth policy admits only client keys to this service.
func client(ctx context.Context) auth.Principal {
	p, _ := auth.FromContext(ctx)
	return p
}

func toConfig(c store.WebhookConfig) *kycv1.WebhookConfig {
	return &kycv1.WebhookConfig{Url: c.URL, CreatedAt: api.Timestamp(&c.CreatedAt), UpdatedAt: api.Timestamp(&c.UpdatedAt)}
}

func toDelivery(d store.Delivery) *kycv1.WebhookDelivery {
	out := &kycv1.WebhookDelivery{
		Id: d.ID.String(), Event: d.Event, Status: d.Status, Attempts: int32(d.Attempts), LastError: d.LastError,
		NextAttemptAt: api.Timestamp(d.NextAttemptAt), CreatedAt: api.Timestamp(&d.CreatedAt), DeliveredAt: api.Timestamp(d.DeliveredAt),
	}
	if d.SessionID != nil {
		out.KycSessionId = d.SessionID.String()
	}
	if d.ResponseCode != nil {
		c := int32(*d.ResponseCode)
		out.ResponseCode = &c
	}
	if d.Status != "pending" {
		out.NextAttemptAt = nil
	}
	return out
}
