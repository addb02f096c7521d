// Package storetest is the conformance suite of the store (internal/store) against a real PostgreSQL: what the
// use-cases rely on (not-found and conflict sentinels, tenant scoping, one open session per user, replacement of
// documents, transactions that commit all or nothing and report changed sessions only after commit). It calls
// only the store's exported methods, so it keeps holding while the SQL behind them changes, and any other
// implementation of the same methods can be run through it.
//
// It imports only store and libraries.
package storetest
