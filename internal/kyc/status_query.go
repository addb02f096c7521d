package kyc

import (
	"context"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// Session returns a session the caller owns.
func (s *Service) Session(ctx context.Context, c Caller, id uuid.UUID) (store.Session, error) {
	sess, err := s.getSession(ctx, id)
	if err != nil {
		return store.Session{}, sessionErr(err)
	}
	if err := authorize(c, sess); err != nil {
		return store.Session{}, err
	}
	return sess, nil
}
