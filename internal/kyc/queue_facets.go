package kyc

import (
	"context"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// QueueFacets is what a reviewer filters the queue by: the count of each review reason in the queue, and the
// clients.
type QueueFacets struct {
	Reasons []store.ReasonCount
	Clients []store.ClientRef
}

// ReviewFacets counts the review queue's reasons and lists the clients, for the console's filters.
func (s *Service) ReviewFacets(ctx context.Context) (QueueFacets, error) {
	var f QueueFacets
	var err error
	if f.Reasons, err = s.store.CountReviewReasons(ctx, string(StatusPendingReview)); err != nil {
		return f, dbErr(err)
	}
	if f.Clients, err = s.store.ListClientRefs(ctx); err != nil {
		return f, dbErr(err)
	}
	return f, nil
}

// EarlierSessions lists the same user's other sessions at the same client (newest first, at most 10), so a
// reviewer sees how earlier attempts ended.
func (s *Service) EarlierSessions(ctx context.Context, sess Session) ([]Session, error) {
	if sess.ErasedAt != nil || sess.ExternalUserID == "" {
		return nil, nil
	}
	rows, err := s.store.UserSessions(ctx, store.Session{ID: sess.ID, ClientID: sess.ClientID,
		Environment: sess.Environment, ExternalUserID: sess.ExternalUserID}, 10)
	if err != nil {
		return nil, dbErr(err)
	}
	out := make([]Session, len(rows))
	for i, r := range rows {
		out[i] = sessionOf(r)
	}
	return out, nil
}

// ClientFaceBands is a client's override of the face decision bands, nil when it uses the defaults.
func (s *Service) ClientFaceBands(ctx context.Context, clientID uuid.UUID) (*store.FaceBands, error) {
	set, err := s.store.GetClientSettings(ctx, clientID)
	if err != nil {
		return nil, dbErr(err)
	}
	return set.FaceBands, nil
}
