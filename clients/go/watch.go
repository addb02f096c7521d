package kyc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"google.golang.org/grpc/codes"

	"github.com/enxtai/kyc/clients/go/kycv1"
)

// Decided reports whether a status is a decision: FACE_VERIFIED or PENDING_REVIEW (the machine's), VERIFIED
// or REJECTED (a reviewer's).
func Decided(s kycv1.KycStatus) bool {
	switch s {
	case kycv1.KycStatus_FACE_VERIFIED, kycv1.KycStatus_PENDING_REVIEW, kycv1.KycStatus_VERIFIED, kycv1.KycStatus_REJECTED:
		return true
	}
	return false
}

// WatchStatus yields the session as it is now, then after every change, until the server ends the stream (the
// session is decided), the context ends, or a call fails for good (yielded as the last error). A dropped
// connection is resumed under the retry policy; the server sends the current state again first. Only the
// context bounds it: the client's default timeout does not apply to a watch.
func (c *Client) WatchStatus(ctx context.Context, sessionID string) iter.Seq2[*kycv1.KycSession, error] {
	return func(yield func(*kycv1.KycSession, error) bool) {
		ctx, cancel, _, policy := c.begin(ctx, []CallOption{WithTimeout(-1)})
		defer cancel()
		for attempt := 1; ; attempt++ {
			stream, err := c.stub.WatchKycStatus(ctx, &kycv1.WatchKycStatusRequest{KycSessionId: sessionID})
			for err == nil {
				var msg *kycv1.WatchKycStatusResponse
				if msg, err = stream.Recv(); err == nil {
					attempt = 1 // progress: a later drop starts the backoff afresh
					if !yield(msg.GetSession(), nil) {
						return
					}
				}
			}
			if errors.Is(err, io.EOF) {
				return
			}
			var hdrErr error = toError(err)
			if stream != nil {
				hdr, _ := stream.Header()
				hdrErr = toError(err, hdr, stream.Trailer())
			}
			wait, ok := policy.wait(ctx, hdrErr, attempt)
			if !ok {
				yield(nil, hdrErr)
				return
			}
			select {
			case <-ctx.Done():
				yield(nil, toError(ctx.Err()))
				return
			case <-time.After(wait):
			}
		}
	}
}

// WaitForDecision returns the session once it is decided (see Decided), watching its status stream, or
// polling GetStatus every second where the server cannot stream. After timeout it returns the last session
// seen with an *Error of code DeadlineExceeded.
func (c *Client) WaitForDecision(ctx context.Context, sessionID string, timeout time.Duration) (*kycv1.KycSession, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last *kycv1.KycSession
	for s, err := range c.WatchStatus(ctx, sessionID) {
		if err != nil {
			if errors.Is(err, ErrUnimplemented) {
				break
			}
			return last, c.undecided(ctx, last, timeout, err)
		}
		if last = s; Decided(s.GetStatus()) {
			return s, nil
		}
	}
	for { // the stream ended undecided, or streaming is not offered: poll
		s, err := c.GetStatus(ctx, sessionID)
		if err != nil {
			return last, c.undecided(ctx, last, timeout, err)
		}
		if last = s; Decided(s.GetStatus()) {
			return s, nil
		}
		select {
		case <-ctx.Done():
			return last, c.undecided(ctx, last, timeout, ctx.Err())
		case <-time.After(time.Second):
		}
	}
}

// undecided names the timeout as such when the wait's own deadline passed, else returns err.
func (c *Client) undecided(ctx context.Context, last *kycv1.KycSession, timeout time.Duration, err error) error {
	if ctx.Err() == nil {
		return toError(err)
	}
	return &Error{Code: codes.DeadlineExceeded,
		Message: fmt.Sprintf("no decision within %s (status %s)", timeout, last.GetStatus())}
}
