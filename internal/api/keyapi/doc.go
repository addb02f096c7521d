// Package keyapi serves kyc.v1.KeyService, the client portal's API keys as an API: thin handlers over
// internal/apikeys. The auth policy admits only client keys here. No rules live here.
package keyapi
