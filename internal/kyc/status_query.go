package kyc

import (
	"context"

	"github.com/google/uuid"
)

// Session returns a session the caller owns.
func (s *Service) Session(ctx context.Context, c Caller, id uuid.UUID) (Session, error) {
	sess, err := s.getSession(ctx, id)
	if err != nil {
		return Session{}, sessionErr(err)
	}
	if err := authorize(c, sess); err != nil {
		return Session{}, err
	}
	return sess, nil
}

// getSession and lockSession read a session's row and turn it into the domain's Session.
func getSession(ctx context.Context, q SessionReader, id uuid.UUID) (Session, error) {
	r, err := q.GetSession(ctx, id)
	return sessionOf(r), err
}

func lockSession(ctx context.Context, tx SessionWriter, id uuid.UUID) (Session, error) {
	r, err := tx.LockSession(ctx, id)
	return sessionOf(r), err
}

// listDocuments reads a session's current documents.
func listDocuments(ctx context.Context, q SessionReader, id uuid.UUID) ([]Document, error) {
	rs, err := q.ListDocuments(ctx, id)
	if err != nil {
		return nil, err
	}
	return documentsOf(rs), nil
}
