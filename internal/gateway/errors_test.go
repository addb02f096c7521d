package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/store"
)

// TestErrorAnswers follows a failure from the store to the REST answer, as a use-case maps it (dbErr =
// apperr.Dependency with store.IsUnavailable) and the edge renders it (api.ToStatus, then the gateway): a
// database that is restarting is 503 with the guide's body and Retry-After, a failing query stays 500.
func TestErrorAnswers(t *testing.T) {
	pgErr := func(code, msg string) error {
		return fmt.Errorf("lock session: %w", &pgconn.PgError{Severity: "FATAL", Code: code, Message: msg})
	}
	dbErr := func(err error) error { return apperr.Dependency(err, store.IsUnavailable(err)) }
	for _, tc := range []struct {
		name       string
		err        error
		want       int
		retryAfter string
	}{
		{"restart: open connection terminated", dbErr(pgErr("57P01", "terminating connection due to administrator command")), 503, RetryAfterUnavailable},
		{"restart: starting up", dbErr(pgErr("57P03", "the database system is starting up")), 503, RetryAfterUnavailable},
		{"connection failure", dbErr(pgErr("08006", "connection failure")), 503, RetryAfterUnavailable},
		{"storage down", apperr.New(apperr.Unavailable, "Document storage is temporarily unavailable. Retry later."), 503, RetryAfterUnavailable},
		{"a failing query", dbErr(pgErr("42P01", "relation does not exist")), 500, ""},
		{"an unexpected error", dbErr(errors.New("boom")), 500, ""},
		{"not found", apperr.New(apperr.NotFound, "KYC session not found."), 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := api.ToStatus(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)), "/kyc.v1.KycService/GetKycStatus", tc.err)
			rec := httptest.NewRecorder()
			errorHandler(context.Background(), nil, nil, rec, httptest.NewRequest("GET", "/api/v1/kyc/status/x", nil), st)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d (%s)", rec.Code, tc.want, rec.Body)
			}
			if got := rec.Header().Get("Retry-After"); got != tc.retryAfter {
				t.Errorf("Retry-After %q, want %q", got, tc.retryAfter)
			}
			var body errorBody
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.StatusCode != tc.want ||
				body.Error != http.StatusText(tc.want) || body.Message == "" {
				t.Errorf("body %s is not the guide's error body for %d", rec.Body, tc.want)
			}
		})
	}
}

// TestWriteErrorKeepsRetryAfter: a 503 that said when to retry keeps its own value.
func TestWriteErrorKeepsRetryAfter(t *testing.T) {
	rec := httptest.NewRecorder()
	rec.Header().Set("Retry-After", "30")
	WriteError(rec, http.StatusServiceUnavailable, "Database unavailable.")
	if got := rec.Header().Get("Retry-After"); got != "30" {
		t.Fatalf("Retry-After %q, want 30", got)
	}
}
