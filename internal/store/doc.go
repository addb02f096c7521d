// Package store is the PostgreSQL persistence of the platform through pgx v5: embedded SQL migrations (goose),
// callback transactions (InTx) and plain-SQL repositories over row types (Session, Document, Event, ...).
// It implements the ports internal/kyc declares (kyc.Store, kyc.Tx; see kyc/ports.go) and those of audit,
// webhook and jobs, and returns sentinel errors (ErrNotFound, ErrConflict) that the domain turns into the
// caller's errors.
//
// It must not import internal/kyc or any package above it (api, gateway, pipeline, app), nor the engines
// (ocr, cards, face): it stores what it is given and decides nothing; the rules live in internal/kyc.
package store
