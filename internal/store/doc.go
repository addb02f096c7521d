// Package store is the PostgreSQL persistence of the platform through pgx v5: embedded SQL migrations (goose),
// callback transactions and plain-SQL repositories. It returns sentinel errors (ErrNotFound, ErrConflict) and
// knows nothing of gRPC, HTTP or the engines; internal/kyc owns the rules.
package store
