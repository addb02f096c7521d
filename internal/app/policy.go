package app

import (
	"strings"

	"github.com/enxtai/kyc/internal/auth"
)

// policy says who may call what: health and reflection are public; each service admits one role.
var policy = auth.Policy{
	Public: func(m string) bool {
		return strings.HasPrefix(m, "/grpc.health.v1.Health/") || strings.HasPrefix(m, "/grpc.reflection.")
	},
	Allowed: func(m string, r auth.Role) bool {
		switch {
		case strings.HasPrefix(m, "/kyc.v1.AdminService/"):
			return r == auth.RoleAdmin
		case strings.HasPrefix(m, "/kyc.v1."):
			return r == auth.RoleClient
		}
		return false
	},
}
