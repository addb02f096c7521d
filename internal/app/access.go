package app

import (
	"strings"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/ratelimit"
	"github.com/enxtai/kyc/internal/store"
)

// hearAccessChanges drops this replica's cached keys and rate-limit overrides as soon as any replica (or the
// operator CLI) revokes a key or changes a client's limit: the database announces each change on commit
// (store.AccessChangedChannel), heard on the hub's one LISTEN connection. After a reconnect, when
// announcements may have been missed, everything is dropped. limiter may be nil (rate limiting off).
func hearAccessChanges(hub *kyc.Hub, a *auth.Authenticator, limiter *ratelimit.Limiter) {
	hub.ListenToo(store.AccessChangedChannel, func(payload string) {
		kind, id, _ := strings.Cut(payload, ":")
		switch kind {
		case "key":
			a.Forget() // the cache is keyed by key hash, not id: drop it all (revocations are rare)
		case "client":
			if c, err := uuid.Parse(id); err == nil && limiter != nil {
				limiter.ForgetClient(c)
			}
		}
	}, func() {
		a.Forget()
		if limiter != nil {
			limiter.ForgetAll()
		}
	})
}
