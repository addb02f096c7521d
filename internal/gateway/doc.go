// Package gateway serves the REST API of the guide over HTTP: grpc-gateway under /api dialing the gRPC server
// in-process (so REST runs the same handlers and interceptors), the guide's error body for every failure
// (validation, auth, routing, panics, oversize bodies), response codes and headers, the multipart upload bridge,
// and the API documents (/api/openapi.json, /api/docs; optional). Before any of a request's body is read its
// key is checked from the headers, and every body is bounded and must keep arriving (bodyguard.go). It holds
// no business rules.
package gateway
