package kyc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Error is every error the client returns for a failed call: the gRPC status code and the server's message
// (safe to show), plus what the server said about retrying.
type Error struct {
	Code       codes.Code
	Message    string
	RetryAfter time.Duration // the server's retry-after (rate limits); 0 when it gave none
	Reason     string        // the google.rpc.ErrorInfo reason, e.g. PAYLOAD_TOO_LARGE, when the server sent one
	status     *status.Status
}

// Sentinels for errors.Is: errors.Is(err, kyc.ErrNotFound) matches any *Error with that code.
var (
	ErrInvalidArgument    = &Error{Code: codes.InvalidArgument}
	ErrUnauthenticated    = &Error{Code: codes.Unauthenticated}
	ErrPermissionDenied   = &Error{Code: codes.PermissionDenied}
	ErrNotFound           = &Error{Code: codes.NotFound}
	ErrRateLimited        = &Error{Code: codes.ResourceExhausted} // a rate limit, never a too-large upload
	ErrPayloadTooLarge    = &Error{Code: codes.ResourceExhausted, Reason: ReasonPayloadTooLarge}
	ErrUnavailable        = &Error{Code: codes.Unavailable}
	ErrDeadlineExceeded   = &Error{Code: codes.DeadlineExceeded}
	ErrFailedPrecondition = &Error{Code: codes.FailedPrecondition}
	ErrUnimplemented      = &Error{Code: codes.Unimplemented}
)

func (e *Error) Error() string { return fmt.Sprintf("kyc: %s: %s", e.Code, e.Message) }

// ReasonPayloadTooLarge marks a RESOURCE_EXHAUSTED that means "file too large" (HTTP 413), not "too many
// requests" (429).
const ReasonPayloadTooLarge = "PAYLOAD_TOO_LARGE"

// Is matches the sentinels: by code, and for RESOURCE_EXHAUSTED also by whether the upload was too large.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok || t.Message != "" || t.Code != e.Code {
		return false
	}
	if t.Code == codes.ResourceExhausted {
		return (t.Reason == ReasonPayloadTooLarge) == (e.Reason == ReasonPayloadTooLarge)
	}
	return true
}

// GRPCStatus lets status.Code and status.FromError read the error.
func (e *Error) GRPCStatus() *status.Status {
	if e.status != nil {
		return e.status
	}
	return status.New(e.Code, e.Message)
}

// HTTPStatus is the REST status code of the same failure, as the API guide lists them.
func (e *Error) HTTPStatus() int {
	switch e.Code {
	case codes.InvalidArgument, codes.FailedPrecondition, codes.OutOfRange:
		return http.StatusBadRequest
	case codes.Unauthenticated:
		return http.StatusUnauthorized
	case codes.PermissionDenied:
		return http.StatusForbidden
	case codes.NotFound:
		return http.StatusNotFound
	case codes.AlreadyExists, codes.Aborted:
		return http.StatusConflict
	case codes.ResourceExhausted:
		if e.Reason == ReasonPayloadTooLarge {
			return http.StatusRequestEntityTooLarge
		}
		return http.StatusTooManyRequests
	case codes.Unavailable:
		return http.StatusServiceUnavailable
	case codes.DeadlineExceeded:
		return http.StatusGatewayTimeout
	case codes.Unimplemented:
		return http.StatusNotImplemented
	case codes.Canceled:
		return 499
	default:
		return http.StatusInternalServerError
	}
}

// toError turns what a gRPC call returned into *Error; md is the response metadata (headers and trailers),
// which carries retry-after.
func toError(err error, md ...metadata.MD) error {
	if err == nil {
		return nil
	}
	var ke *Error
	if errors.As(err, &ke) {
		return ke
	}
	st, ok := status.FromError(err)
	if !ok {
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			st = status.New(codes.DeadlineExceeded, err.Error())
		case errors.Is(err, context.Canceled):
			st = status.New(codes.Canceled, err.Error())
		default:
			st = status.New(codes.Unknown, err.Error())
		}
	}
	e := &Error{Code: st.Code(), Message: st.Message(), status: st}
	for _, d := range st.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			e.Reason = info.GetReason()
		}
	}
	e.RetryAfter = retryAfter(md...)
	return e
}

// retryAfter reads the retry-after metadata (whole seconds, as in HTTP) from headers or trailers.
func retryAfter(mds ...metadata.MD) time.Duration {
	for _, md := range mds {
		for _, v := range md.Get("retry-after") {
			if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
				return time.Duration(s * float64(time.Second))
			}
		}
	}
	return 0
}
