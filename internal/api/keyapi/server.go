package keyapi

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/api/kycapi"
	"github.com/enxtai/kyc/internal/apikeys"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/store"
)

// Server implements kyc.v1.KeyService.
type Server struct {
	kycv1.UnimplementedKeyServiceServer
	svc *apikeys.Service
}

// New returns the service.
func New(svc *apikeys.Service) *Server { return &Server{svc: svc} }

var _ kycv1.KeyServiceServer = (*Server)(nil)

func (s *Server) ListApiKeys(ctx context.Context, _ *kycv1.ListApiKeysRequest) (*kycv1.ListApiKeysResponse, error) {
	o := owner(ctx)
	keys, err := s.svc.List(ctx, o)
	if err != nil {
		return nil, err
	}
	out := &kycv1.ListApiKeysResponse{Keys: make([]*kycv1.ApiKey, 0, len(keys))}
	for _, k := range keys {
		out.Keys = append(out.Keys, toKey(k, o))
	}
	return out, nil
}

func (s *Server) CreateApiKey(ctx context.Context, req *kycv1.CreateApiKeyRequest) (*kycv1.CreateApiKeyResponse, error) {
	o := owner(ctx)
	issued, k, err := s.svc.Create(ctx, o, api.Actor(ctx), req.GetEnvironment(), req.GetName())
	if err != nil {
		return nil, err
	}
	_ = grpc.SetHeader(ctx, metadata.Pairs(kycapi.HTTPCodeHeader, "201"))
	return &kycv1.CreateApiKeyResponse{Key: toKey(k, o), ApiKey: issued.Key}, nil
}

func (s *Server) RotateApiKey(ctx context.Context, req *kycv1.RotateApiKeyRequest) (*kycv1.RotateApiKeyResponse, error) {
	o := owner(ctx)
	id, err := api.ParseID("keyId", req.GetKeyId())
	if err != nil {
		return nil, err
	}
	issued, fresh, old, err := s.svc.Rotate(ctx, o, api.Actor(ctx), id)
	if err != nil {
		return nil, err
	}
	return &kycv1.RotateApiKeyResponse{Key: toKey(fresh, o), ApiKey: issued.Key, Revoked: toKey(old, o)}, nil
}

func (s *Server) RevokeApiKey(ctx context.Context, req *kycv1.RevokeApiKeyRequest) (*kycv1.RevokeApiKeyResponse, error) {
	o := owner(ctx)
	id, err := api.ParseID("keyId", req.GetKeyId())
	if err != nil {
		return nil, err
	}
	k, err := s.svc.Revoke(ctx, o, api.Actor(ctx), id)
	if err != nil {
		return nil, err
	}
	return &kycv1.RevokeApiKeyResponse{Key: toKey(k, o)}, nil
}

// owner is the calling client key; the auth policy admits only client keys to this service.
func owner(ctx context.Context) apikeys.Owner {
	p, _ := auth.FromContext(ctx)
	return apikeys.Owner{ClientID: p.ClientID, KeyID: p.KeyID, Environment: p.Environment}
}

func toKey(k store.APIKey, o apikeys.Owner) *kycv1.ApiKey {
	return &kycv1.ApiKey{
		Id: k.ID.String(), Name: k.Name, Prefix: k.Prefix, Environment: k.Environment, CreatedAt: api.Timestamp(&k.CreatedAt),
		LastUsedAt: api.Timestamp(k.LastUsedAt), RevokedAt: api.Timestamp(k.RevokedAt), Current: k.ID == o.KeyID,
	}
}
