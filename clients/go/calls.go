package kyc

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/enxtai/kyc/clients/go/kycv1"
)

// InitiateParams are the end user a session is for; only ExternalUserID is required.
type InitiateParams struct {
	ExternalUserID string
	Email          string
	Phone          string // E.164, e.g. +919876543210
	Metadata       map[string]string
}

// Initiate creates a KYC session (superseding the user's open one). Its retries carry one Idempotency-Key, so
// a retried call returns the first session instead of opening another.
func (c *Client) Initiate(ctx context.Context, p InitiateParams, opts ...CallOption) (*kycv1.InitiateKycResponse, error) {
	ctx, cancel, cs, policy := c.begin(ctx, opts)
	defer cancel()
	key := cs.idempotencyKey
	if key == "" {
		key = newIdempotencyKey()
	}
	ctx = metadata.AppendToOutgoingContext(ctx, "idempotency-key", key)
	req := &kycv1.InitiateKycRequest{ExternalUserId: p.ExternalUserID, Email: p.Email, Phone: p.Phone,
		Metadata: p.Metadata}
	return unary(ctx, policy, req, c.stub.InitiateKyc)
}

// GetStatus returns the session's status, progress, extracted data and scores.
func (c *Client) GetStatus(ctx context.Context, sessionID string, opts ...CallOption) (*kycv1.KycSession, error) {
	ctx, cancel, _, policy := c.begin(ctx, opts)
	defer cancel()
	resp, err := unary(ctx, policy, &kycv1.GetKycStatusRequest{KycSessionId: sessionID}, c.stub.GetKycStatus)
	if err != nil {
		return nil, err
	}
	return resp.GetSession(), nil
}

// Verify runs (or re-runs) face verification for a session with all four documents and waits, bounded by the
// server, for the result.
func (c *Client) Verify(ctx context.Context, sessionID string, opts ...CallOption) (*kycv1.VerifyKycResponse, error) {
	ctx, cancel, _, policy := c.begin(ctx, opts)
	defer cancel()
	return unary(ctx, policy, &kycv1.VerifyKycRequest{KycSessionId: sessionID}, c.stub.VerifyKyc)
}

// unary calls a generated unary method under the retry policy, keeping the response metadata for retry-after.
func unary[Req, Resp any](ctx context.Context, p RetryPolicy, req Req,
	call func(context.Context, Req, ...grpc.CallOption) (Resp, error)) (Resp, error) {
	var out Resp
	err := p.retry(ctx, func(ctx context.Context) error {
		var header, trailer metadata.MD
		resp, err := call(ctx, req, grpc.Header(&header), grpc.Trailer(&trailer))
		if err != nil {
			return toError(err, header, trailer)
		}
		out = resp
		return nil
	}, nil)
	return out, err
}

func newIdempotencyKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
