// Package api is the gRPC edge shared by every service: the interceptor chain (recovery, request id, logging,
// metrics, auth, rate limit, validation) named in one place, and the one function that maps domain errors to
// gRPC statuses. The service handlers live in subpackages (kycapi, ...) and stay thin: decode, call one
// use-case, encode. REST reaches the same chain through the gateway.
package api
