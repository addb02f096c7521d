// Package retention runs the operator's retention period: a River periodic job that, on the leader among the
// workers, deletes the document images of sessions decided longer ago than the period (internal/kyc decides
// which and records it in the audit log). It knows jobs and kyc; never the API.
package retention
