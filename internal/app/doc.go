// Package app wires the server in one place: it builds every dependency explicitly from the config (store,
// authenticator, use-cases, gRPC server with its interceptor chain, REST gateway, metrics, background loops)
// and runs them together until the context ends, then shuts down gracefully. Nothing else constructs them.
package app
