package audit

import (
	"context"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/store"
)

// Filter selects entries of the log; zero fields do not filter.
type Filter struct {
	ActorType string
	ActorID   string
	ClientID  uuid.UUID
	Action    string
	TargetID  string
	Since     *time.Time // at or after
	Until     *time.Time // before
	Limit     int        // the page size; 0: 50
}

// Logged is one entry of the log as read back.
type Logged struct {
	ID         int64
	OccurredAt time.Time
	ActorType  string    // admin, client, operator or system
	ActorID    string    // the admin's or client's id ("" for the operator and the system)
	KeyID      uuid.UUID // the API key used (uuid.Nil for the CLI and background jobs)
	ClientID   uuid.UUID // the tenant the action concerns (uuid.Nil when none)
	Action     string
	TargetType string
	TargetID   string
	IP         string
	RequestID  string
	Detail     map[string]any
}

// Page is one page of entries, newest first.
type Page struct {
	Entries []Logged
	Next    string // the next page's token; "" on the last page
}

// Reader is what the log is read from; *store.Store is one.
type Reader interface {
	ListAudit(ctx context.Context, f store.AuditFilter) ([]store.AuditEntry, error)
}

var _ Reader = (*store.Store)(nil)

// Log reads the audit log.
type Log struct{ store Reader }

// NewLog returns the reader.
func NewLog(s Reader) *Log { return &Log{store: s} }

// List returns entries matching f, newest first; token is a previous page's Next. f.Limit defaults to 50.
func (l *Log) List(ctx context.Context, lf Filter, token string) (Page, error) {
	f := store.AuditFilter{ActorType: lf.ActorType, ActorID: lf.ActorID, ClientID: lf.ClientID, Action: lf.Action,
		TargetID: lf.TargetID, Since: lf.Since, Until: lf.Until, Limit: lf.Limit}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	if token != "" {
		id, err := strconv.ParseInt(token, 36, 64)
		if err != nil || id <= 0 {
			return Page{}, apperr.New(apperr.Invalid, "Invalid pageToken.")
		}
		f.BeforeID = id
	}
	want := f.Limit
	f.Limit++
	rows, err := l.store.ListAudit(ctx, f)
	if err != nil {
		return Page{}, apperr.Dependency(err, store.IsUnavailable(err))
	}
	entries := make([]Logged, len(rows))
	for i, e := range rows {
		entries[i] = Logged(e)
	}
	p := Page{Entries: entries}
	if len(entries) > want {
		p.Entries = entries[:want]
		p.Next = strconv.FormatInt(entries[want-1].ID, 36)
	}
	return p, nil
}
