package kycapi

import (
	"context"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/kyc"
)

// HTTPCodeHeader is response metadata the gateway turns into the HTTP status (201 for initiate).
const HTTPCodeHeader = "x-http-code"

// IdempotencyKeyHeader is the metadata key of the Idempotency-Key header.
const IdempotencyKeyHeader = "idempotency-key"

// Server implements kyc.v1.KycService.
type Server struct {
	kycv1.UnimplementedKycServiceServer
	svc        *kyc.Service
	verifyWait time.Duration
}

// New returns the service over the use-cases; VerifyKyc waits up to verifyWait for an outcome.
func New(svc *kyc.Service, verifyWait time.Duration) *Server {
	return &Server{svc: svc, verifyWait: verifyWait}
}

var _ kycv1.KycServiceServer = (*Server)(nil)

// Upload paths of the guide, relative to the API base URL.
var uploadURLs = &kycv1.UploadUrls{
	Pan:          "/v1/kyc/upload/pan",
	AadhaarFront: "/v1/kyc/upload/aadhaar/front",
	AadhaarBack:  "/v1/kyc/upload/aadhaar/back",
	LivePhoto:    "/v1/kyc/upload/live-photo",
}

func (s *Server) InitiateKyc(ctx context.Context, req *kycv1.InitiateKycRequest) (*kycv1.InitiateKycResponse, error) {
	c, err := Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := s.svc.Initiate(ctx, c, kyc.InitiateInput{
		ExternalUserID: req.GetExternalUserId(), Email: req.GetEmail(), Phone: req.GetPhone(),
		Metadata: req.GetMetadata(),
	}, firstMetadata(ctx, IdempotencyKeyHeader))
	if err != nil {
		return nil, err
	}
	code := "201"
	if out.Replayed {
		code = "200"
	}
	_ = grpc.SetHeader(ctx, metadata.Pairs(HTTPCodeHeader, code))
	return &kycv1.InitiateKycResponse{
		KycSessionId: out.SessionID.String(),
		Status:       ToStatus(out.Status),
		UploadUrls:   uploadURLs,
	}, nil
}

func (s *Server) GetKycStatus(ctx context.Context, req *kycv1.GetKycStatusRequest) (*kycv1.GetKycStatusResponse, error) {
	c, err := Caller(ctx)
	if err != nil {
		return nil, err
	}
	id, err := api.ParseID("kycSessionId", req.GetKycSessionId())
	if err != nil {
		return nil, err
	}
	sess, err := s.svc.Session(ctx, c, id)
	if err != nil {
		return nil, err
	}
	return &kycv1.GetKycStatusResponse{Session: ToSession(sess)}, nil
}

func (s *Server) WatchKycStatus(req *kycv1.WatchKycStatusRequest, stream grpc.ServerStreamingServer[kycv1.WatchKycStatusResponse]) error {
	ctx := stream.Context()
	c, err := Caller(ctx)
	if err != nil {
		return err
	}
	id, err := api.ParseID("kycSessionId", req.GetKycSessionId())
	if err != nil {
		return err
	}
	return s.svc.Watch(ctx, c, id, func(sess kyc.Session) error {
		return stream.Send(&kycv1.WatchKycStatusResponse{Session: ToSession(sess)})
	})
}

func (s *Server) VerifyKyc(ctx context.Context, req *kycv1.VerifyKycRequest) (*kycv1.VerifyKycResponse, error) {
	c, err := Caller(ctx)
	if err != nil {
		return nil, err
	}
	id, err := api.ParseID("kycSessionId", req.GetKycSessionId())
	if err != nil {
		return nil, err
	}
	sess, err := s.svc.Verify(ctx, c, id, s.verifyWait)
	if err != nil {
		return nil, err
	}
	return &kycv1.VerifyKycResponse{Success: true, Status: ToStatus(sess.Status),
		FaceMatchScore: sess.FaceMatchScore, LivenessScore: sess.LivenessScore}, nil
}

// Caller is the client a call acts for (its key's client and environment); the auth policy admits only client
// keys to the services that use it.
func Caller(ctx context.Context) (kyc.Caller, error) {
	p, ok := auth.FromContext(ctx)
	if !ok || p.Role != auth.RoleClient {
		return kyc.Caller{}, auth.ErrWrongRole
	}
	return kyc.Caller{ClientID: p.ClientID, Environment: p.Environment}, nil
}

func firstMetadata(ctx context.Context, key string) string {
	if v := metadata.ValueFromIncomingContext(ctx, key); len(v) > 0 {
		return v[0]
	}
	return ""
}
