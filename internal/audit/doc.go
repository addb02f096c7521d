// Package audit is the platform's record of consequential acts: reviewers' decisions, API key creation,
// rotation and revocation, webhook endpoint changes and data erasure, each with who (admin, client and key,
// the operator at the CLI, or the system), when, what and from which address. Entries are appended inside the
// transaction of the act they describe, so an act and its entry commit together; the table refuses updates and
// deletes (a trigger), and nothing offers to change an entry. It knows internal/store only; it must not import
// the API, the domain (internal/kyc) or the transports.
package audit
