// Package adminapi serves kyc.v1.AdminService, the reviewers' API (and, through the gateway, its REST routes
// under /api/v1/admin): thin handlers over internal/kyc's review use-cases and internal/audit's log. The auth
// policy admits only admin keys here. No rules live here.
package adminapi
