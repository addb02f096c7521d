package adminapi

import (
	"context"

	"google.golang.org/grpc"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/api/kycapi"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/kyc"
)

// Server implements kyc.v1.AdminService.
type Server struct {
	kycv1.UnimplementedAdminServiceServer
	svc *kyc.Service
	log *audit.Log
}

// New returns the service.
func New(svc *kyc.Service, log *audit.Log) *Server { return &Server{svc: svc, log: log} }

var _ kycv1.AdminServiceServer = (*Server)(nil)

func (s *Server) ListReviews(ctx context.Context, req *kycv1.ListReviewsRequest) (*kycv1.ListReviewsResponse, error) {
	f := kyc.ReviewFilter{Environment: req.GetEnvironment(), Limit: int(req.GetPageSize())}
	if req.GetStatus() != kycv1.KycStatus_KYC_STATUS_UNSPECIFIED {
		f.Status = kyc.Status(req.GetStatus().String())
	}
	if id := req.GetClientId(); id != "" {
		var err error
		if f.ClientID, err = api.ParseID("clientId", id); err != nil {
			return nil, err
		}
	}
	f.CreatedAfter, f.CreatedBefore = timeOf(req.GetCreatedAfter()), timeOf(req.GetCreatedBefore())
	p, err := s.svc.Reviews(ctx, f, req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &kycv1.ListReviewsResponse{NextPageToken: p.Next}
	for _, it := range p.Sessions {
		out.Sessions = append(out.Sessions, toSummary(it))
	}
	return out, nil
}

func (s *Server) GetReview(ctx context.Context, req *kycv1.GetReviewRequest) (*kycv1.GetReviewResponse, error) {
	id, err := api.ParseID("kycSessionId", req.GetKycSessionId())
	if err != nil {
		return nil, err
	}
	v, err := s.svc.Review(ctx, api.Actor(ctx), id)
	if err != nil {
		return nil, err
	}
	return toReview(v), nil
}

func (s *Server) ApproveKyc(ctx context.Context, req *kycv1.ApproveKycRequest) (*kycv1.ApproveKycResponse, error) {
	id, err := api.ParseID("kycSessionId", req.GetKycSessionId())
	if err != nil {
		return nil, err
	}
	sess, err := s.svc.Decide(ctx, api.Actor(ctx), id,
		kyc.Decision{Approve: true, Reason: req.GetReason(), Seen: seen(req.Generation)})
	if err != nil {
		return nil, err
	}
	return &kycv1.ApproveKycResponse{Session: kycapi.ToSession(sess)}, nil
}

func (s *Server) RejectKyc(ctx context.Context, req *kycv1.RejectKycRequest) (*kycv1.RejectKycResponse, error) {
	id, err := api.ParseID("kycSessionId", req.GetKycSessionId())
	if err != nil {
		return nil, err
	}
	sess, err := s.svc.Decide(ctx, api.Actor(ctx), id, kyc.Decision{Reason: req.GetReason(), Seen: seen(req.Generation)})
	if err != nil {
		return nil, err
	}
	return &kycv1.RejectKycResponse{Session: kycapi.ToSession(sess)}, nil
}

// seen is the generation a reviewer saw, when the request gave one.
func seen(g *int32) *int {
	if g == nil {
		return nil
	}
	v := int(*g)
	return &v
}

// GetDocument sends the document's description, then its decrypted bytes in chunks as they are read: the
// server holds one chunk at a time.
func (s *Server) GetDocument(req *kycv1.GetDocumentRequest, stream grpc.ServerStreamingServer[kycv1.GetDocumentResponse]) error {
	ctx := stream.Context()
	sid, err := api.ParseID("kycSessionId", req.GetKycSessionId())
	if err != nil {
		return err
	}
	d, r, err := s.svc.ReviewDocument(ctx, api.Actor(ctx), sid, kycapi.DocTypes[req.GetDocumentType()])
	if err != nil {
		return err
	}
	defer r.Close()
	if err := stream.Send(&kycv1.GetDocumentResponse{Payload: &kycv1.GetDocumentResponse_Info{Info: toDocument(sid, d)}}); err != nil {
		return err
	}
	// A stream cut short (or a failed integrity check) fails the call: it must not look complete.
	return api.SendChunks(r, func(chunk []byte) error {
		return stream.Send(&kycv1.GetDocumentResponse{Payload: &kycv1.GetDocumentResponse_Chunk{Chunk: chunk}})
	}, nil)
}

func (s *Server) ListAuditEntries(ctx context.Context, req *kycv1.ListAuditEntriesRequest) (*kycv1.ListAuditEntriesResponse, error) {
	f := audit.Filter{
		ActorType: req.GetActorType(), ActorID: req.GetActorId(), Action: req.GetAction(), TargetID: req.GetTargetId(),
		Since: timeOf(req.GetSince()), Until: timeOf(req.GetUntil()), Limit: int(req.GetPageSize()),
	}
	if id := req.GetClientId(); id != "" {
		var err error
		if f.ClientID, err = api.ParseID("clientId", id); err != nil {
			return nil, err
		}
	}
	p, err := s.log.List(ctx, f, req.GetPageToken())
	if err != nil {
		return nil, err
	}
	out := &kycv1.ListAuditEntriesResponse{NextPageToken: p.Next}
	for _, e := range p.Entries {
		out.Entries = append(out.Entries, toAuditEntry(e))
	}
	return out, nil
}
