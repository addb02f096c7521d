// Package apikeys manages clients' API keys as the client portal would (list, create for live or test,
// regenerate, revoke) and provisions tenants and reviewers for the operator's CLI, recording every change in
// the audit log in the same transaction. Key material comes from internal/auth (generation, hashing); this
// package owns the rules: who may touch which key. It knows the store, auth and audit; never gRPC or HTTP.
package apikeys
