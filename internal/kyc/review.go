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
	Reason        string     // only sessions with this review reason code
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
		CreatedAfter: rf.CreatedAfter, CreatedBefore: rf.CreatedBefore, Reason: rf.Reason, Limit: rf.Limit}
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
		p.Next = PageAfter(items[want-1].Session)
	}
	return p, nil
}

// Neighbours are the cases just before and after a session in the review queue's order (oldest first);
// uuid.Nil where there is none.
type Neighbours struct{ Prev, Next uuid.UUID }

// QueueNeighbours finds the console's previous and next case of s in the review queue (PENDING_REVIEW, oldest
// first). s need not be in the queue itself (a decided case still has neighbours by its age).
func (s *Service) QueueNeighbours(ctx context.Context, sess Session) (Neighbours, error) {
	prev, next, err := s.store.QueueNeighbours(ctx, string(StatusPendingReview), sess.CreatedAt, sess.ID)
	if err != nil {
		return Neighbours{}, dbErr(err)
	}
	return Neighbours{Prev: prev, Next: next}, nil
}

// PageAfter is the page token of the sessions that follow s in the reviewers' order (oldest first).
func PageAfter(s Session) string {
	raw, _ := json.Marshal(reviewCursor{T: s.CreatedAt, ID: s.ID})
	return base64.RawURLEncoding.EncodeToString(raw)
}

// ReviewView is everything a reviewer sees of a session.
type ReviewView struct {
	Session    Session
	ClientName string
	Documents  []Document
	Events     []Event
}

// Review returns a session for a reviewer, whatever its client, and records in the audit log that the actor
// read it (personal data: reads are audited as decisions are). An erased session is its tombstone: the row
// holds no personal data any more, and it has no documents.
func (s *Service) Review(ctx context.Context, actor audit.Actor, id uuid.UUID) (ReviewView, error) {
	sess, err := getSession(ctx, s.store, id)
	if err != nil {
		return ReviewView{}, sessionErr(err)
	}
	if err := audit.Record(ctx, s.store, actor, audit.Entry{Action: audit.ActionSessionViewed,
		TargetType: audit.TargetSession, TargetID: id.String(), ClientID: sess.ClientID,
		Detail: map[string]any{"generation": sess.Generation, "status": string(sess.Status)}}); err != nil {
		return ReviewView{}, dbErr(err)
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

// Decision is a reviewer's verdict on a session.
type Decision struct {
	Approve bool
	Reason  string
	// Seen is the session's generation the reviewer looked at (nil: not given). A document re-uploaded or a
	// re-processing since moves the generation on, and a decision on what the reviewer never saw is refused.
	Seen *int
}

// Decide records a reviewer's decision: VERIFIED (approve) or REJECTED, with the kyc.status_changed webhook and
// the audit entry, all in one transaction. The session's row lock makes concurrent decisions take turns, so of
// two reviewers racing exactly one succeeds and the other is told who decided (400). A stale Seen is refused
// (Stale) under the same lock, so a re-upload cannot slip between the check and the decision.
func (s *Service) Decide(ctx context.Context, actor audit.Actor, id uuid.UUID, d Decision) (Session, error) {
	to, event, action := StatusRejected, "kyc.rejected", audit.ActionSessionRejected
	if d.Approve {
		to, event, action = StatusVerified, "kyc.approved", audit.ActionSessionApproved
	}
	var out Session
	err := s.store.InTx(ctx, func(tx Tx) error {
		sess, err := lockSession(ctx, tx, id)
		if err != nil {
			return sessionErr(err)
		}
		if err := decidable(sess, to); err != nil {
			return namingDecider(ctx, tx, sess, err)
		}
		if d.Seen != nil && *d.Seen != sess.Generation {
			return apperr.New(apperr.Stale, "This KYC session changed since you opened it (generation %d, now %d): "+
				"a document was re-uploaded or the session re-processed. Reload it and decide again.", *d.Seen, sess.Generation)
		}
		detail := map[string]any{"from": string(sess.Status), "to": string(to), "reason": d.Reason, "actorId": actor.ID,
			"generation": sess.Generation, "generationGiven": d.Seen != nil}
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

// namingDecider adds who decided to the refusal of a decided session, so the loser of a race knows whom to ask.
func namingDecider(ctx context.Context, tx Tx, sess Session, refusal error) error {
	if !IsFinal(sess.Status) {
		return refusal
	}
	who, err := tx.DecidedBy(ctx, sess.ID)
	if err != nil || who == "" {
		return refusal
	}
	return apperr.New(apperr.FailedState, "This KYC session is already decided (%s), by %s.", sess.Status, who)
}

// ReviewDocument finds a session's document of a type for a reviewer and opens it, decrypted; the caller
// closes the reader. The read is recorded in the audit log before a byte is served.
func (s *Service) ReviewDocument(ctx context.Context, actor audit.Actor, id uuid.UUID, docType DocType) (Document, io.ReadCloser, error) {
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
			if err := audit.Record(ctx, s.store, actor, audit.Entry{Action: audit.ActionDocumentViewed,
				TargetType: audit.TargetSession, TargetID: id.String(), ClientID: sess.ClientID,
				Detail: map[string]any{"documentType": string(d.Type), "version": d.Version}}); err != nil {
				return Document{}, nil, dbErr(err)
			}
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
