package kycapi

import (
	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/store"
)

// ToSession is the guide's status document of a session, for the other services that show one (admin,
// privacy). An erased session's tombstone shows only what remains: id, status, progress and timestamps.
func ToSession(s store.Session) *kycv1.KycSession { return toSession(s) }
