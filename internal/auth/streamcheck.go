package auth

import (
	"context"
	"errors"
	"strings"
	"time"

	"google.golang.org/grpc/metadata"
)

// DefaultStreamRecheck is how often the key of an open stream is checked again, so that a stream opened before
// its key was revoked (WatchKycStatus may stay open for hours) ends within this, answered Unauthenticated.
const DefaultStreamRecheck = time.Minute

// SetStreamRecheck changes how often open streams re-check their key (tests); <= 0 restores the default.
func (a *Authenticator) SetStreamRecheck(every time.Duration) { a.recheck = every }

// watchKey returns a context that is cancelled with ErrInvalidKey when the key stops being valid, checked every
// recheck interval (through the cache, which revocations on any replica purge), and a function to stop.
// A check that fails for another reason (database unavailable) keeps the stream: it is checked again later.
func (a *Authenticator) watchKey(ctx context.Context, key string) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	every := a.recheck
	if every <= 0 {
		every = DefaultStreamRecheck
	}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if _, err := a.Authenticate(ctx, key); errors.Is(err, ErrInvalidKey) {
					cancel(ErrInvalidKey)
					return
				}
			}
		}
	}()
	return ctx, func() { cancel(nil) }
}

// presentedKey is the API key in the call's metadata ("" without one).
func presentedKey(ctx context.Context) string {
	if md, ok := metadata.FromIncomingContext(ctx); ok {
		if v := md.Get(MetadataKey); len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
	}
	return ""
}
