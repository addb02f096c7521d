package gateway

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/enxtai/kyc/internal/api"
)

// rejectEmptySegments answers paths with an empty segment ("/status/", "//") with 404: the router would
// otherwise match them with an empty parameter.
func rejectEmptySegments(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "//") || strings.HasSuffix(r.URL.Path, "/") {
			notFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func tooLarge(max int64) string {
	return fmt.Sprintf("Request body too large. Maximum size is %d bytes.", max)
}

// requestID gives every request an id (the client's X-Request-Id when it sent one), echoed in the response and
// passed to the gRPC handlers.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			id = api.NewRequestID()
			r.Header.Set("X-Request-Id", id)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic in an HTTP handler into the guide's 500 body.
func recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(p)
				}
				slog.ErrorContext(r.Context(), "panic in HTTP handler", "panic", p, "path", r.URL.Path)
				WriteError(w, http.StatusInternalServerError, "Internal server error.")
			}
		}()
		next.ServeHTTP(w, r)
	})
}
