package kyc

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/webhook"
)

// ReviewPage is one page of the reviewers' list.
type ReviewPage struct {
	Sessions []ReviewItem
	Next     string // the next page's token; "" on the last page
}

// ReviewFilter selects sessions for reviewers, across clients; zero fields do not filter.
type ReviewFilter struct {
	Status        Status // "": the review queue (PENDING_REVIEW)
	ClientID      uuid.UUID
	Environment   string
	CreatedAfter  *time.Time // at or after
	CreatedBefore *time.Time // before
	Limit         int        // the page size; 0: 20
}

// ReviewItem is a session in a reviewer's list with its client's name.
type ReviewItem struct {
	Session
	ClientName string
}

type reviewCursor struct {
	T  time.Time `json:"t"`
	ID uuid.UUID `json:"i"`
}

// Reviews lists sessions across clients for reviewers, oldest first: by default the review queue
// (PENDING_REVIEW). token is a previous page's Next.
func (s *Service) Reviews(ctx context.Context, rf ReviewFilter, token string) (ReviewPage, error) {
	f := store.ReviewFilter{Status: string(rf.Status), ClientID: rf.ClientID, Environment: rf.Environment,
		CreatedAfter: rf.CreatedAfter, CreatedBefore: rf.CreatedBefore, Limit: rf.Limit}
	if f.Status == "" {
		f.Status = string(StatusPendingReview)
	}
	if f.Limit <= 0 {
		f.Limit = 20
	}
	if token != "" {
		var c reviewCursor
		raw, err := base64.RawURLEncoding.DecodeString(token)
		if err != nil || json.Unmarshal(raw, &c) != nil || c.T.IsZero() {
			return ReviewPage{}, apperr.New(apperr.Invalid, "Invalid pageToken.")
		}
		f.AfterCreated, f.AfterID = &c.T, c.ID
	}
	want := f.Limit
	f.Limit++
	rows, err := s.store.ListSessionsByStatus(ctx, f)
	if err != nil {
		return ReviewPage{}, dbErr(err)
	}
	items := make([]ReviewItem, len(rows))
	for i, r := range rows {
		items[i] = ReviewItem{Session: sessionOf(r.Session), ClientName: r.ClientName}
	}
	p := ReviewPage{Sessions: items}
	if len(items) > want {
		p.Sessions = items[:want]
		last := items[want-1]
		raw, _ := json.Marshal(reviewCursor{T: last.CreatedAt, ID: last.ID})
		p.Next = base64.RawURLEncoding.EncodeToString(raw)
	}
	return p, nil
}

// ReviewView is everything a reviewer sees of a session.
type ReviewView struct {
	Session    Session
	ClientName string
	Documents  []Document
	Events     []Event
}

// Review returns a session for a reviewer, whatever its client. An erased session is its tombstone: the row
// holds no personal data any more, and it has no documents.
func (s *Service) Review(ctx context.Context, id uuid.UUID) (ReviewView, error) {
	sess, err := getSession(ctx, s.store, id)
	if err != nil {
		return ReviewView{}, sessionErr(err)
	}
	v := ReviewView{Session: sess}
	if v.ClientName, err = s.store.ClientName(ctx, sess.ClientID); err != nil {
		return ReviewView{}, dbErr(err)
	}
	if v.Documents, err = listDocuments(ctx, s.store, id); err != nil {
		return ReviewView{}, dbErr(err)
	}
	events, err := s.store.ListEvents(ctx, id)
	if err != nil {
		return ReviewView{}, dbErr(err)
	}
	v.Events = eventsOf(events)
	return v, nil
}

// Decide records a reviewer's decision: VERIFIED (approve) or REJECTED, with the kyc.status_changed webhook and
// the audit entry, all in one transaction. The session's row lock makes concurrent decisions take turns, so of
// two reviewers racing exactly one succeeds and the other is told the session is already decided (400).
func (s *Service) Decide(ctx context.Context, actor audit.Actor, id uuid.UUID, approve bool, reason string) (Session, error) {
	to, event, action := StatusRejected, "kyc.rejected", audit.ActionSessionRejected
	if approve {
		to, event, action = StatusVerified, "kyc.approved", audit.ActionSessionApproved
	}
	var out Session
	err := s.store.InTx(ctx, func(tx Tx) error {
		sess, err := lockSession(ctx, tx, id)
		if err != nil {
			return sessionErr(err)
		}
		if err := decidable(sess, to); err != nil {
			return err
		}
		detail := map[string]any{"from": string(sess.Status), "to": string(to), "reason": reason, "actorId": actor.ID}
		if out, err = s.move(ctx, tx, sess, change{
			to: to, update: store.ProcessingUpdate{Decided: true}, event: event,
			webhook: webhook.EventStatusChanged, detail: detail,
		}); err != nil {
			return err
		}
		detail["environment"] = sess.Environment
		return audit.Record(ctx, tx, actor, audit.Entry{
			Action: action, TargetType: audit.TargetSession, TargetID: id.String(), ClientID: sess.ClientID,
			Detail: detail,
		})
	})
	return out, dbErr(err)
}

// decidable says why a reviewer may not decide a session now, if so.
func decidable(sess Session, to Status) error {
	switch {
	case sess.ErasedAt != nil:
		return errErased
	case IsFinal(sess.Status):
		return apperr.New(apperr.FailedState, "This KYC session is already decided (%s).", sess.Status)
	case sess.SupersededAt != nil:
		return apperr.New(apperr.FailedState, "This KYC session was replaced by a newer one; decide the newer session.")
	case !CanMove(sess.Status, to):
		return apperr.New(apperr.FailedState,
			"This KYC session is not awaiting a decision (status %s): wait until processing ends.", sess.Status)
	}
	return nil
}

// ReviewDocument finds a session's document of a type for a reviewer and opens it, decrypted; the caller
// closes the reader.
func (s *Service) ReviewDocument(ctx context.Context, id uuid.UUID, docType DocType) (Document, io.ReadCloser, error) {
	sess, err := getSession(ctx, s.store, id)
	if err != nil {
		return Document{}, nil, sessionErr(err)
	}
	docs, err := listDocuments(ctx, s.store, id)
	if err != nil {
		return Document{}, nil, dbErr(err)
	}
	for _, d := range docs {
		if d.Type == docType {
			r, err := s.OpenDocument(ctx, d)
			if err != nil {
				return Document{}, nil, err
			}
			return d, r, nil
		}
	}
	switch {
	case sess.ErasedAt != nil:
		return Document{}, nil, errErased
	case sess.DocumentsErasedAt != nil:
		return Document{}, nil, apperr.New(apperr.NotFound,
			"The documents of this KYC session were deleted when its retention period ended.")
	}
	return Document{}, nil, apperr.New(apperr.NotFound, "This KYC session has no %s document.", docType)
}
