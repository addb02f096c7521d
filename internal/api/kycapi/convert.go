package kycapi

import (
	"encoding/json"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/kyc"
)

// ToStatus is a session status as the API's enum.
func ToStatus(s kyc.Status) kycv1.KycStatus { return kycv1.KycStatus(kycv1.KycStatus_value[string(s)]) }

// extracted mirrors the JSON stored in kyc_sessions.extracted_data (the API's field names).
type extracted struct {
	PanNumber     *string        `json:"panNumber"`
	AadhaarNumber *string        `json:"aadhaarNumber"`
	FullName      *string        `json:"fullName"`
	DateOfBirth   *string        `json:"dateOfBirth"`
	Address       *string        `json:"address"`
	AadhaarQR     *kyc.AadhaarQR `json:"aadhaarQr"`
}

// ToSession is the guide's status document of a session, also for the other services that show one (admin,
// privacy). An erased session's tombstone shows only what remains: id, status, progress and timestamps.
func ToSession(s kyc.Session) *kycv1.KycSession {
	out := &kycv1.KycSession{
		KycSessionId:   s.ID.String(),
		ExternalUserId: s.ExternalUserID,
		Status:         ToStatus(s.Status),
		Progress:       int32(s.Progress),
		CreatedAt:      api.Timestamp(&s.CreatedAt),
		UpdatedAt:      api.Timestamp(&s.UpdatedAt),
	}
	if len(s.ExtractedData) > 0 {
		var e extracted
		if json.Unmarshal(s.ExtractedData, &e) == nil {
			out.ExtractedData = &kycv1.ExtractedData{
				PanNumber: e.PanNumber, AadhaarNumber: e.AadhaarNumber, FullName: e.FullName,
				DateOfBirth: e.DateOfBirth, Address: e.Address, AadhaarQr: toAadhaarQR(e.AadhaarQR),
			}
		}
	}
	if s.FaceMatchScore != nil || s.LivenessScore != nil {
		out.VerificationScores = &kycv1.VerificationScores{FaceMatchScore: s.FaceMatchScore, LivenessScore: s.LivenessScore,
			QrFaceMatchScore: kyc.QRFaceMatchScore(s)}
	}
	return out
}

func toAadhaarQR(q *kyc.AadhaarQR) *kycv1.AadhaarQr {
	if q == nil {
		return nil
	}
	return &kycv1.AadhaarQr{Signature: q.Signature, Name: q.Name, DateOfBirth: q.DateOfBirth, Gender: q.Gender,
		Address: q.Address, PinCode: q.PinCode, AadhaarLast4: q.AadhaarLast4, HasPhoto: q.HasPhoto,
		PhoneVerified: q.PhoneVerified, EmailVerified: q.EmailVerified}
}
