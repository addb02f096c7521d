// Package ratelimit owns the request budget of each API key: a fixed window (100 requests per minute by
// default, per client overridable in clients.settings) counted in Redis so that every replica of a deployment
// draws on the same budget, or in the process for a single machine. It gives the gRPC interceptors that sit after
// auth in the chain, and puts the budget on every response as x-ratelimit-limit/-remaining/-reset metadata (the
// gateway turns them into X-RateLimit-* headers) with retry-after on a refusal (RESOURCE_EXHAUSTED, HTTP 429).
//
// In Redis a request costs one call of the library's counting script; the calls of concurrent requests are sent
// together in pipelines (batch.go): with 32 requests in flight that halves the CPU per request. A key with a
// large budget (2000 requests per window or more) is counted in leases (lease.go): a replica claims a
// thousandth of what is left in one call and admits those requests from memory, and a spent window is refused
// from memory until it resets.
//
// When Redis cannot be reached the limiter fails over to counting in the process (each replica then allows
// the whole budget on its own) with a loud log, and goes back to Redis when it answers again: an outage of the
// limiter's store never refuses a request.
//
// The same store counts failed authentications per client address (AuthFailures, auth.FailureBudget): only
// failures are counted, and an address over its budget is refused from memory until its window ends.
//
// It knows callers only as auth.Principal and reads client overrides through SettingsReader; it must not import
// internal/api, internal/gateway, internal/app or internal/config (which maps the environment onto Config).
package ratelimit
