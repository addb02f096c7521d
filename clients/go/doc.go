// Package kyc is the Go client of the EnxtAI KYC API over gRPC: start a session, stream the four documents in
// 64 KiB chunks, read or watch the status until a decision, and check the signatures of webhook deliveries.
//
// The generated stubs live in the kycv1 subpackage (regenerated from proto/ by `make generate`); this package
// is a thin layer over them that adds what every integration would otherwise write itself:
//
//   - the API key on every call (from ENXTAI_API_KEY unless given);
//   - retries with exponential backoff on UNAVAILABLE, and on RESOURCE_EXHAUSTED when the server said when to
//     come back (retry-after, a rate limit); never on client errors; an upload is sent again only when its
//     bytes can be read again (a file, a byte slice or a seekable reader);
//   - typed errors (*Error) carrying the gRPC code, the server's message and the retry-after;
//   - per-call deadlines: the context's, or WithTimeout for one call, or the client's default;
//   - WaitForDecision over the WatchKycStatus stream, and VerifyWebhook for both signature schemes.
//
// The module depends only on gRPC and protobuf, never on the server's code.
package kyc
