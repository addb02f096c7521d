// Package kyc is the domain of the platform: sessions, their documents, the status state machine and the
// use-cases the API calls (initiate, status, watch, upload, verify). It owns the rules and decides what is an
// error for the caller (internal/apperr); it reaches PostgreSQL through internal/store and never sees gRPC or
// HTTP types.
package kyc
