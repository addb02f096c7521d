package api

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"unicode"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/enxtai/kyc/internal/apperr"
)

// ReasonPayloadTooLarge marks a ResourceExhausted status that means "too large" (HTTP 413), not "too many
// requests" (HTTP 429). It travels as an ErrorInfo detail.
//
// ReasonStale marks a FailedPrecondition that means "you acted on an old version" (HTTP 409, not 400): a
// decision on a session whose documents changed since the reviewer looked.
const (
	ReasonPayloadTooLarge = "PAYLOAD_TOO_LARGE"
	ReasonStale           = "STALE_VERSION"
	ErrorDomain           = "kyc.enxtai.com"
)

var kindCodes = map[apperr.Kind]codes.Code{
	apperr.Internal:        codes.Internal,
	apperr.Invalid:         codes.InvalidArgument,
	apperr.Unauthenticated: codes.Unauthenticated,
	apperr.Forbidden:       codes.PermissionDenied,
	apperr.NotFound:        codes.NotFound,
	apperr.Conflict:        codes.AlreadyExists,
	apperr.TooLarge:        codes.ResourceExhausted,
	apperr.RateLimited:     codes.ResourceExhausted,
	apperr.Unavailable:     codes.Unavailable,
	apperr.Timeout:         codes.DeadlineExceeded,
	apperr.FailedState:     codes.FailedPrecondition,
	apperr.Stale:           codes.FailedPrecondition,
}

// ToStatus is the one mapping of errors to gRPC statuses. Messages of internal failures are replaced by a
// generic one; their causes are logged.
func ToStatus(ctx context.Context, log *slog.Logger, method string, err error) error {
	if err == nil {
		return nil
	}
	if e, ok := apperr.As(err); ok {
		if e.Kind == apperr.Internal || e.Kind == apperr.Unavailable {
			log.ErrorContext(ctx, "call failed", "method", method, "err", err)
		}
		st := status.New(kindCodes[e.Kind], e.Message)
		switch e.Kind {
		case apperr.TooLarge:
			st, _ = st.WithDetails(&errdetails.ErrorInfo{Reason: ReasonPayloadTooLarge, Domain: ErrorDomain})
		case apperr.Stale:
			st, _ = st.WithDetails(&errdetails.ErrorInfo{Reason: ReasonStale, Domain: ErrorDomain})
		}
		return st.Err()
	}
	if st, ok := status.FromError(err); ok {
		if st.Code() == codes.InvalidArgument {
			return readableValidation(st)
		}
		return err
	}
	switch {
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, "The request was cancelled.")
	case errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, "The request took too long.")
	}
	log.ErrorContext(ctx, "call failed", "method", method, "err", err)
	return status.Error(codes.Internal, "Internal server error.")
}

// readableValidation rewrites protovalidate's message into one line naming fields as the JSON API does
// ("externalUserId: value length must be at most 128 characters"), keeping the violation details.
func readableValidation(st *status.Status) error {
	var parts []string
	for _, d := range st.Details() {
		v, ok := d.(*validate.Violations)
		if !ok {
			continue
		}
		for _, vi := range v.GetViolations() {
			var path []string
			for _, el := range vi.GetField().GetElements() {
				path = append(path, lowerCamel(el.GetFieldName()))
			}
			msg := vi.GetMessage()
			if len(path) > 0 {
				msg = strings.Join(path, ".") + ": " + msg
			}
			parts = append(parts, msg)
		}
	}
	if len(parts) == 0 {
		return st.Err()
	}
	p := st.Proto()
	p.Message = "Validation failed: " + strings.Join(parts, "; ")
	return status.ErrorProto(p)
}

func lowerCamel(s string) string {
	var b strings.Builder
	up := false
	for _, r := range s {
		if r == '_' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ErrorUnary maps errors of unary handlers.
func ErrorUnary(log *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
		resp, err := next(ctx, req)
		return resp, ToStatus(ctx, log, info.FullMethod, err)
	}
}

// ErrorStream maps errors of streaming handlers.
func ErrorStream(log *slog.Logger) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, next grpc.StreamHandler) error {
		return ToStatus(ss.Context(), log, info.FullMethod, next(srv, ss))
	}
}
