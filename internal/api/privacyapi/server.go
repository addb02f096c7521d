package privacyapi

import (
	"context"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/api/kycapi"
	"github.com/enxtai/kyc/internal/kyc"
)

// Server implements kyc.v1.PrivacyService.
type Server struct {
	kycv1.UnimplementedPrivacyServiceServer
	svc *kyc.Service
}

// New returns the service.
func New(svc *kyc.Service) *Server { return &Server{svc: svc} }

var _ kycv1.PrivacyServiceServer = (*Server)(nil)

func (s *Server) EraseKycSession(ctx context.Context, req *kycv1.EraseKycSessionRequest) (*kycv1.EraseKycSessionResponse, error) {
	c, err := kycapi.Caller(ctx)
	if err != nil {
		return nil, err
	}
	id, err := api.ParseID("kycSessionId", req.GetKycSessionId())
	if err != nil {
		return nil, err
	}
	out, err := s.svc.Erase(ctx, c, api.Actor(ctx), id)
	if err != nil {
		return nil, err
	}
	resp := &kycv1.EraseKycSessionResponse{
		KycSessionId: out.Session.ID.String(), Status: kycapi.ToStatus(out.Session.Status),
		DocumentsDeleted: int32(out.Documents),
	}
	if t := out.Session.ErasedAt; t != nil {
		resp.ErasedAt = timestamppb.New(t.UTC().Truncate(time.Millisecond))
	}
	return resp, nil
}
