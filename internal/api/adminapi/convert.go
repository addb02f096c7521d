package adminapi

import (
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/api/kycapi"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/kyc"
)

func docTypeOf(name kyc.DocType) kycv1.DocumentType {
	for t, n := range kycapi.DocTypes {
		if n == name {
			return t
		}
	}
	return kycv1.DocumentType_DOCUMENT_TYPE_UNSPECIFIED
}

func toSummary(it kyc.ReviewItem) *kycv1.ReviewSummary {
	s := it.Session
	out := &kycv1.ReviewSummary{
		KycSessionId: s.ID.String(), ClientId: s.ClientID.String(), ClientName: it.ClientName,
		Environment: s.Environment, ExternalUserId: s.ExternalUserID, Status: kycapi.ToStatus(s.Status),
		CreatedAt: api.Timestamp(&s.CreatedAt), UpdatedAt: api.Timestamp(&s.UpdatedAt),
	}
	if s.FaceMatchScore != nil || s.LivenessScore != nil {
		out.VerificationScores = &kycv1.VerificationScores{FaceMatchScore: s.FaceMatchScore, LivenessScore: s.LivenessScore,
			QrFaceMatchScore: kyc.QRFaceMatchScore(s)}
	}
	for _, r := range reasons(s.ReviewReasons) {
		out.ReviewReasonCodes = append(out.ReviewReasonCodes, r.GetCode())
	}
	return out
}

func toReview(v kyc.ReviewView) *kycv1.GetReviewResponse {
	s := v.Session
	out := &kycv1.GetReviewResponse{
		Session: kycapi.ToSession(s), ClientId: s.ClientID.String(), ClientName: v.ClientName,
		Environment: s.Environment, Email: s.Email, Phone: s.Phone, Metadata: s.Metadata,
		ReviewReasons: reasons(s.ReviewReasons), OcrResult: object(s.OCRResult), Generation: int32(s.Generation),
		DecidedAt: api.Timestamp(s.DecidedAt), SupersededAt: api.Timestamp(s.SupersededAt), ErasedAt: api.Timestamp(s.ErasedAt),
		DocumentsErasedAt: api.Timestamp(s.DocumentsErasedAt),
	}
	for _, d := range v.Documents {
		out.Documents = append(out.Documents, toDocument(s.ID, d))
	}
	for _, e := range v.Events {
		out.Events = append(out.Events, &kycv1.SessionEvent{Kind: e.Kind, Status: kycapi.ToStatus(e.Status),
			Detail: mapObject(e.Detail), CreatedAt: api.Timestamp(&e.CreatedAt)})
	}
	return out
}

func toDocument(sid uuid.UUID, d kyc.Document) *kycv1.ReviewDocument {
	return &kycv1.ReviewDocument{
		DocumentType: docTypeOf(d.Type), ContentType: d.ContentType, SizeBytes: d.Size, Width: int32(d.Width),
		Height: int32(d.Height), Sha256: hex.EncodeToString(d.SHA256), Version: int32(d.Version),
		UploadedAt: api.Timestamp(&d.UploadedAt), Url: DocumentPath(sid.String(), string(d.Type)),
	}
}

// DocumentPath is where an admin fetches a document over REST, relative to the API base URL (…/api).
func DocumentPath(sessionID, docType string) string {
	return "/v1/admin/kyc/" + sessionID + "/documents/" + docType
}

func toAuditEntry(e audit.Logged) *kycv1.AuditEntry {
	out := &kycv1.AuditEntry{
		Id: e.ID, OccurredAt: api.Timestamp(&e.OccurredAt), ActorType: e.ActorType, ActorId: e.ActorID, Action: e.Action,
		TargetType: e.TargetType, TargetId: e.TargetID, Ip: e.IP, RequestId: e.RequestID, Detail: mapObject(e.Detail),
	}
	if e.KeyID != uuid.Nil {
		out.KeyId = e.KeyID.String()
	}
	if e.ClientID != uuid.Nil {
		out.ClientId = e.ClientID.String()
	}
	return out
}

// reasons decodes the stored review reasons ([{code, message}]).
func reasons(raw json.RawMessage) []*kycv1.ReviewReason {
	var rs []kyc.Reason
	if len(raw) == 0 || json.Unmarshal(raw, &rs) != nil {
		return nil
	}
	out := make([]*kycv1.ReviewReason, 0, len(rs))
	for _, r := range rs {
		out = append(out, &kycv1.ReviewReason{Code: r.Code, Message: r.Message})
	}
	return out
}

// object turns stored JSON (an object) into a Struct; anything else is left out.
func object(raw json.RawMessage) *structpb.Struct {
	var m map[string]any
	if len(raw) == 0 || json.Unmarshal(raw, &m) != nil || m == nil {
		return nil
	}
	return mapObject(m)
}

func mapObject(m map[string]any) *structpb.Struct {
	// Round-trip through JSON so every value is of a kind structpb accepts (numbers as float64, ...).
	b, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	var plain map[string]any
	if json.Unmarshal(b, &plain) != nil {
		return nil
	}
	s, err := structpb.NewStruct(plain)
	if err != nil {
		return nil
	}
	return s
}

func timeOf(t *timestamppb.Timestamp) *time.Time {
	if t == nil {
		return nil
	}
	v := t.AsTime()
	return &v
}
