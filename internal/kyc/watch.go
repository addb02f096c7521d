package kyc

import (
	"context"

	"github.com/enxtai/kyc/internal/apperr"

	"github.com/google/uuid"
)

// ErrShuttingDown ends watches when the server stops; the client should reconnect.
var ErrShuttingDown = apperr.New(apperr.Unavailable, "The server is shutting down; reconnect to continue watching.")

// Watch sends the session as it is now, then again after every change, until the session is final (VERIFIED or
// REJECTED), superseded, erased (the last message is then the tombstone), or ctx ends. It subscribes before the
// first read, so no change between the read and the subscription is lost.
func (s *Service) Watch(ctx context.Context, c Caller, id uuid.UUID, send func(Session) error) error {
	wakeups, stop := s.hub.Subscribe(id)
	defer stop()
	var last Session
	for first := true; ; first = false {
		sess, err := s.Session(ctx, c, id)
		if err != nil {
			return err
		}
		if first || changed(last, sess) {
			if err := send(sess); err != nil {
				return err
			}
			last = sess
		}
		if IsFinal(sess.Status) || sess.SupersededAt != nil || sess.ErasedAt != nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.hub.Closing():
			return ErrShuttingDown
		case <-wakeups:
		}
	}
}

func changed(a, b Session) bool {
	return a.Status != b.Status || a.Progress != b.Progress || !a.UpdatedAt.Equal(b.UpdatedAt)
}
