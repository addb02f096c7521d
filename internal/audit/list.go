package audit

import (
	"context"
	"strconv"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/store"
)

// Page is one page of entries, newest first.
type Page struct {
	Entries []store.AuditEntry
	Next    string // the next page's token; "" on the last page
}

// Log reads the audit log.
type Log struct{ store *store.Store }

// NewLog returns the reader.
func NewLog(s *store.Store) *Log { return &Log{store: s} }

// List returns entries matching f, newest first; token is a previous page's Next. f.Limit defaults to 50.
func (l *Log) List(ctx context.Context, f store.AuditFilter, token string) (Page, error) {
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
	entries, err := l.store.ListAudit(ctx, f)
	if err != nil {
		return Page{}, apperr.Wrap(apperr.Internal, err, "Internal server error.")
	}
	p := Page{Entries: entries}
	if len(entries) > want {
		p.Entries = entries[:want]
		p.Next = strconv.FormatInt(entries[want-1].ID, 36)
	}
	return p, nil
}
