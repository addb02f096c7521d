// Package kycapi serves kyc.v1.KycService over gRPC (and, through the gateway, REST): thin handlers that decode
// the request, call one internal/kyc use-case and encode the answer. No rules live here.
package kycapi
