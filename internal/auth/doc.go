// Package auth owns API keys and who is calling: key generation (256 random bits, shown once, stored only as a
// SHA-256 hash with a short visible prefix), the lookup with a short-lived cache (and a negative cache of
// unknown and revoked keys), roles (client or admin), the budget of failed authentications per client address
// (FailureBudget, implemented by internal/ratelimit), and the gRPC interceptor that puts the caller's Principal
// into the context. REST requests reach it through the gateway as `x-api-key` metadata, so both transports
// share one check; the gateway also calls Check before it reads a request's body.
package auth
