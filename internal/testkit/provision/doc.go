// Package provision creates clients and reviewers with API keys directly in the database, for tests only: it
// writes no audit records, unlike the audited provisioning of the product (internal/apikeys), which the
// operator commands and the API use. It lives in the test kit so that kyc-server cannot link it (a test in
// server/ asserts that kyc-server imports nothing under internal/testkit).
package provision
