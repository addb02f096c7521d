package gateway

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/enxtai/kyc/internal/api"
)

// errorBody is the guide's error format.
type errorBody struct {
	StatusCode int    `json:"statusCode"`
	Message    string `json:"message"`
	Error      string `json:"error"`
}

// RetryAfterUnavailable is the Retry-After (seconds) of a 503 that did not set its own: a dependency is away
// for a moment (PostgreSQL restarting takes a few seconds, a replica's pool reconnects at once after), so the
// client's first retry should wait about as long as the guide's backoff starts (1 s, 2 s, ...).
const RetryAfterUnavailable = "2"

// WriteError writes the guide's error body with the HTTP status. Every 503 says when to retry (Retry-After),
// whichever path produced it.
func WriteError(w http.ResponseWriter, code int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Del("Content-Length")
	if code == http.StatusServiceUnavailable && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", RetryAfterUnavailable)
	}
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(errorBody{StatusCode: code, Message: message, Error: http.StatusText(code)})
}

// HTTPStatus is the HTTP status of a gRPC status: the gateway's standard table, except that a
// ResourceExhausted marked "payload too large" is 413, not 429, and a FailedPrecondition marked "stale" is 409,
// not 400.
func HTTPStatus(st *status.Status) int {
	for _, d := range st.Details() {
		info, ok := d.(*errdetails.ErrorInfo)
		switch {
		case !ok:
		case st.Code() == codes.ResourceExhausted && info.GetReason() == api.ReasonPayloadTooLarge:
			return http.StatusRequestEntityTooLarge
		case st.Code() == codes.FailedPrecondition && info.GetReason() == api.ReasonStale:
			return http.StatusConflict
		}
	}
	return runtime.HTTPStatusFromCode(st.Code())
}

// errorHandler renders every error the gateway sees (from the gRPC handlers, and its own decoding errors) as the
// guide's body, keeping the response headers the call set (rate limits, request id).
func errorHandler(ctx context.Context, _ *runtime.ServeMux, _ runtime.Marshaler, w http.ResponseWriter, _ *http.Request, err error) {
	st := status.Convert(err)
	if md, ok := runtime.ServerMetadataFromContext(ctx); ok {
		copyHeaders(w, md.HeaderMD)
		copyHeaders(w, md.TrailerMD)
	}
	WriteError(w, HTTPStatus(st), clientMessage(st))
}

// clientMessage is the message of the guide's body.
func clientMessage(st *status.Status) string { return st.Message() }

// routingErrorHandler answers requests no route matches: 404 for unknown paths, 405 for a wrong method.
func routingErrorHandler(_ context.Context, _ *runtime.ServeMux, _ runtime.Marshaler, w http.ResponseWriter, r *http.Request, httpStatus int) {
	switch httpStatus {
	case http.StatusMethodNotAllowed:
		WriteError(w, httpStatus, "Method "+r.Method+" is not allowed on "+r.URL.Path+".")
	case http.StatusNotFound:
		notFound(w, r)
	default:
		WriteError(w, httpStatus, http.StatusText(httpStatus))
	}
}

func notFound(w http.ResponseWriter, r *http.Request) {
	WriteError(w, http.StatusNotFound, "Cannot "+r.Method+" "+r.URL.Path)
}
