// Package apperr is the vocabulary of failures the use-cases report to callers: a kind (which decides the gRPC
// code and HTTP status at the edge) and a message safe to show to API clients. Internal causes are kept for
// logging only. The mapping to gRPC lives in internal/api, once.
package apperr

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the API edge.
type Kind int

// The kinds, with the HTTP status the edge gives them.
const (
	Internal        Kind = iota // 500: a bug or an unexpected failure; the message is not shown
	Invalid                     // 400: the request is wrong
	Unauthenticated             // 401: no valid API key
	Forbidden                   // 403: the caller may not touch this resource
	NotFound                    // 404
	Conflict                    // 409: the request conflicts with the current state
	TooLarge                    // 413: the body or file is too large
	RateLimited                 // 429
	Unavailable                 // 503: a dependency is down; retry later
	Timeout                     // 504: the operation did not finish in time
	FailedState                 // 400: the resource is in a state that does not allow this
	Stale                       // 409 (gRPC FAILED_PRECONDITION): the caller acted on a version that has changed
)

// Error is a failure with a client-safe message.
type Error struct {
	Kind    Kind
	Message string
	Cause   error // logged, never shown
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Cause)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Cause }

// New returns an error of the kind with a client-safe message.
func New(kind Kind, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an error of the kind whose cause is logged but not shown.
func Wrap(kind Kind, cause error, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...), Cause: cause}
}

// As finds an *Error in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Dependency turns an unexpected failure of a dependency (the database, storage) into the caller's error: 503
// when the dependency is unreachable, 500 otherwise. An *Error passes through unchanged.
func Dependency(err error, unreachable bool) error {
	if _, ok := As(err); ok || err == nil {
		return err
	}
	if unreachable {
		return Wrap(Unavailable, err, "The service is temporarily unavailable. Retry later.")
	}
	return Wrap(Internal, err, "Internal server error.")
}
