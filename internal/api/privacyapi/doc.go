// Package privacyapi serves kyc.v1.PrivacyService, the client's erasure of a session: a thin handler over
// internal/kyc's Erase. The auth policy admits only client keys here. No rules live here.
package privacyapi
