package kyc

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/enxtai/kyc/internal/jobs"
	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/webhook"
)

// fakeStore is an in-memory Store and Tx for the use-cases' unit tests: one transaction at a time, rolled back
// (every table restored) when fn fails, as PostgreSQL would.
type fakeStore struct {
	mu          sync.Mutex
	now         time.Time
	sessions    map[uuid.UUID]store.Session
	documents   map[uuid.UUID]map[string]store.Document
	events      []store.Event
	audit       []store.AuditEntry
	idempotency map[string]store.IdempotencyRecord
	clients     map[uuid.UUID]string
	changed     func([]uuid.UUID)
}

func newFakeStore() *fakeStore {
	return &fakeStore{now: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC), sessions: map[uuid.UUID]store.Session{},
		documents: map[uuid.UUID]map[string]store.Document{}, idempotency: map[string]store.IdempotencyRecord{},
		clients: map[uuid.UUID]string{}}
}

var (
	_ Store = (*fakeStore)(nil)
	_ Tx    = (*fakeStore)(nil)
)

// tick moves the fake clock, so rows get distinct, ordered times.
func (f *fakeStore) tick() time.Time { f.now = f.now.Add(time.Second); return f.now }

// add stores a session as a test sets it up.
func (f *fakeStore) add(s store.Session) store.Session {
	if s.ID == uuid.Nil {
		s.ID = uuid.New()
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = f.tick()
	}
	s.UpdatedAt = s.CreatedAt
	f.sessions[s.ID] = s
	return s
}

func (f *fakeStore) InTx(ctx context.Context, fn func(tx Tx) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	sessions, events, auditLog := maps.Clone(f.sessions), slices.Clone(f.events), slices.Clone(f.audit)
	docs := map[uuid.UUID]map[string]store.Document{}
	for k, v := range f.documents {
		docs[k] = maps.Clone(v)
	}
	idem := maps.Clone(f.idempotency)
	if err := fn(f); err != nil {
		f.sessions, f.events, f.audit, f.documents, f.idempotency = sessions, events, auditLog, docs, idem
		return err
	}
	return nil
}

func (f *fakeStore) OnSessionsChanged(fn func(ids []uuid.UUID)) { f.changed = fn }

func (f *fakeStore) GetSession(_ context.Context, id uuid.UUID) (store.Session, error) {
	s, ok := f.sessions[id]
	if !ok {
		return store.Session{}, store.ErrNotFound
	}
	return s, nil
}

func (f *fakeStore) LockSession(ctx context.Context, id uuid.UUID) (store.Session, error) {
	return f.GetSession(ctx, id)
}

func (f *fakeStore) ListDocuments(_ context.Context, id uuid.UUID) ([]store.Document, error) {
	var out []store.Document
	for _, t := range slices.Sorted(maps.Keys(f.documents[id])) {
		out = append(out, f.documents[id][t])
	}
	return out, nil
}

func (f *fakeStore) OpenSessionForUser(_ context.Context, clientID uuid.UUID, env, user string, _ bool) (store.Session, error) {
	var best store.Session
	for _, s := range f.sessions {
		open := s.SupersededAt == nil && s.Status != string(StatusVerified) && s.Status != string(StatusRejected)
		if open && s.ClientID == clientID && s.Environment == env && s.ExternalUserID == user && s.CreatedAt.After(best.CreatedAt) {
			best = s
		}
	}
	if best.ID == uuid.Nil {
		return store.Session{}, store.ErrNotFound
	}
	return best, nil
}

func (f *fakeStore) LockUser(context.Context, uuid.UUID, string, string) error { return nil }

func (f *fakeStore) InsertSession(_ context.Context, s store.Session) (store.Session, error) {
	return f.add(s), nil
}

func (f *fakeStore) SupersedeOpenSessions(_ context.Context, clientID uuid.UUID, env, user string, _ uuid.UUID) ([]uuid.UUID, error) {
	var ids []uuid.UUID
	for id, s := range f.sessions {
		if s.ClientID == clientID && s.Environment == env && s.ExternalUserID == user && s.SupersededAt == nil &&
			s.Status != string(StatusVerified) && s.Status != string(StatusRejected) {
			now := f.tick()
			s.SupersededAt = &now
			f.sessions[id] = s
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func (f *fakeStore) SetStatus(_ context.Context, id uuid.UUID, status string, progress int) error {
	s, ok := f.sessions[id]
	if !ok {
		return store.ErrNotFound
	}
	s.Status, s.Progress, s.UpdatedAt = status, progress, f.tick()
	f.sessions[id] = s
	return nil
}

// UpdateProcessing mirrors the store's SQL: nil leaves a column, ClearScores replaces the scores and reasons.
func (f *fakeStore) UpdateProcessing(_ context.Context, id uuid.UUID, u store.ProcessingUpdate) (store.Session, error) {
	s, ok := f.sessions[id]
	if !ok {
		return store.Session{}, store.ErrNotFound
	}
	s.Status, s.Progress, s.Generation = u.Status, u.Progress, u.Generation
	if u.ExtractedData != nil {
		s.ExtractedData = u.ExtractedData
	}
	if u.OCRResult != nil {
		s.OCRResult = u.OCRResult
	}
	if u.ClearScores || u.FaceMatchScore != nil {
		s.FaceMatchScore = u.FaceMatchScore
	}
	if u.ClearScores || u.LivenessScore != nil {
		s.LivenessScore = u.LivenessScore
	}
	if u.ClearScores || u.ReviewReasons != nil {
		s.ReviewReasons = u.ReviewReasons
	}
	s.UpdatedAt = f.tick()
	if u.Decided {
		s.DecidedAt = &s.UpdatedAt
	}
	f.sessions[id] = s
	return s, nil
}

func (f *fakeStore) InsertEvent(_ context.Context, id uuid.UUID, kind, status string, detail map[string]any) error {
	f.events = append(f.events, store.Event{ID: int64(len(f.events) + 1), SessionID: id, Kind: kind, Status: status,
		Detail: detail, CreatedAt: f.tick()})
	return nil
}

func (f *fakeStore) PutDocument(_ context.Context, d store.Document) (string, error) {
	if f.documents[d.SessionID] == nil {
		f.documents[d.SessionID] = map[string]store.Document{}
	}
	old := f.documents[d.SessionID][d.Type]
	d.Version = old.Version + 1
	f.documents[d.SessionID][d.Type] = d
	return old.ObjectKey, nil
}

func (f *fakeStore) DeleteDocument(_ context.Context, id uuid.UUID, docType string) (string, error) {
	old := f.documents[id][docType]
	delete(f.documents[id], docType)
	return old.ObjectKey, nil
}

func (f *fakeStore) DeleteDocuments(_ context.Context, id uuid.UUID) ([]string, error) {
	var keys []string
	for _, d := range f.documents[id] {
		keys = append(keys, d.ObjectKey)
	}
	delete(f.documents, id)
	return keys, nil
}

func (f *fakeStore) GetIdempotency(_ context.Context, clientID uuid.UUID, key string) (store.IdempotencyRecord, error) {
	r, ok := f.idempotency[clientID.String()+"/"+key]
	if !ok {
		return r, store.ErrNotFound
	}
	return r, nil
}

func (f *fakeStore) InsertIdempotency(_ context.Context, clientID uuid.UUID, key string, r store.IdempotencyRecord) error {
	if _, ok := f.idempotency[clientID.String()+"/"+key]; ok {
		return store.ErrConflict
	}
	r.CreatedAt = time.Now() // Initiate measures a record's age on the wall clock
	f.idempotency[clientID.String()+"/"+key] = r
	return nil
}

func (f *fakeStore) DeleteIdempotencyBefore(_ context.Context, clientID uuid.UUID, key string, cutoff time.Time) error {
	if r, ok := f.idempotency[clientID.String()+"/"+key]; ok && r.CreatedAt.Before(cutoff) {
		delete(f.idempotency, clientID.String()+"/"+key)
	}
	return nil
}

func (f *fakeStore) EraseSession(_ context.Context, id uuid.UUID) (store.Session, error) {
	s := f.sessions[id]
	now := f.tick()
	s.ExternalUserID, s.Email, s.Phone, s.Metadata = "", "", "", map[string]string{}
	s.ExtractedData, s.OCRResult, s.FaceMatchScore, s.LivenessScore, s.ReviewReasons = nil, nil, nil, nil, nil
	s.Generation++
	s.ErasedAt, s.UpdatedAt = &now, now
	f.sessions[id] = s
	return s, nil
}

func (f *fakeStore) EraseSessionTraces(context.Context, uuid.UUID) error { return nil }

func (f *fakeStore) MarkDocumentsErased(_ context.Context, id uuid.UUID) error {
	s := f.sessions[id]
	now := f.tick()
	s.DocumentsErasedAt = &now
	f.sessions[id] = s
	return nil
}

func (f *fakeStore) LockSessionPastRetention(ctx context.Context, id uuid.UUID, _ time.Time) (store.Session, error) {
	return f.GetSession(ctx, id)
}

func (f *fakeStore) LockSessionAbandoned(ctx context.Context, id uuid.UUID, _ time.Time) (store.Session, error) {
	return f.GetSession(ctx, id)
}

func (f *fakeStore) InsertAudit(_ context.Context, e store.AuditEntry) (store.AuditEntry, error) {
	e.ID = int64(len(f.audit) + 1)
	f.audit = append(f.audit, e)
	return e, nil
}

func (f *fakeStore) GetWebhookConfig(context.Context, uuid.UUID, string) (store.WebhookConfig, error) {
	return store.WebhookConfig{}, store.ErrNotFound
}

func (f *fakeStore) InsertDelivery(context.Context, store.Delivery) error { return nil }

func (f *fakeStore) Pgx() pgx.Tx { return nil }

func (f *fakeStore) EraseDeliveryBodies(context.Context, time.Time, int) (int, error) { return 0, nil }

func (f *fakeStore) DecidedBy(context.Context, uuid.UUID) (string, error) { return "", nil }

func (f *fakeStore) CountReviewReasons(context.Context, string) ([]store.ReasonCount, error) {
	return nil, nil
}

func (f *fakeStore) ListClientRefs(context.Context) ([]store.ClientRef, error) { return nil, nil }

func (f *fakeStore) UserSessions(context.Context, store.Session, int) ([]store.Session, error) {
	return nil, nil
}

func (f *fakeStore) GetClientSettings(context.Context, uuid.UUID) (store.ClientSettings, error) {
	return store.ClientSettings{}, nil
}

// ListSessionsByStatus mirrors the store's query: one status, not erased, after the cursor, oldest first.
func (f *fakeStore) ListSessionsByStatus(_ context.Context, rf store.ReviewFilter) ([]store.ReviewItem, error) {
	var out []store.ReviewItem
	for _, s := range f.sessions {
		if s.Status != rf.Status || s.ErasedAt != nil || (rf.ClientID != uuid.Nil && s.ClientID != rf.ClientID) ||
			(rf.Environment != "" && s.Environment != rf.Environment) {
			continue
		}
		if rf.AfterCreated != nil && !(s.CreatedAt.After(*rf.AfterCreated) ||
			(s.CreatedAt.Equal(*rf.AfterCreated) && s.ID.String() > rf.AfterID.String())) {
			continue
		}
		out = append(out, store.ReviewItem{Session: s, ClientName: f.clients[s.ClientID]})
	}
	slices.SortFunc(out, func(a, b store.ReviewItem) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return compareIDs(a.ID, b.ID)
	})
	return out[:min(len(out), rf.Limit)], nil
}

// QueueNeighbours mirrors the store's query: the nearest sessions in the status before and after the key.
func (f *fakeStore) QueueNeighbours(_ context.Context, status string, createdAt time.Time, id uuid.UUID) (prev, next uuid.UUID, err error) {
	key := store.Session{ID: id, CreatedAt: createdAt}
	var p, n *store.Session
	for _, sess := range f.sessions {
		s := &sess
		if s.Status != status || s.ErasedAt != nil {
			continue
		}
		switch c := compareOrder(*s, key); {
		case c < 0 && (p == nil || compareOrder(*s, *p) > 0):
			p = s
		case c > 0 && (n == nil || compareOrder(*s, *n) < 0):
			n = s
		}
	}
	if p != nil {
		prev = p.ID
	}
	if n != nil {
		next = n.ID
	}
	return prev, next, nil
}

// compareOrder orders sessions as reviewers see them: by creation, then id.
func compareOrder(a, b store.Session) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return compareIDs(a.ID, b.ID)
}

func compareIDs(a, b uuid.UUID) int {
	switch {
	case a.String() < b.String():
		return -1
	case a.String() > b.String():
		return 1
	}
	return 0
}

func (f *fakeStore) ListEvents(_ context.Context, id uuid.UUID) ([]store.Event, error) {
	var out []store.Event
	for _, e := range f.events {
		if e.SessionID == id {
			out = append(out, e)
		}
	}
	return out, nil
}

func (f *fakeStore) ClientName(_ context.Context, id uuid.UUID) (string, error) {
	return f.clients[id], nil
}

func (f *fakeStore) ClientKeyPrefixes(context.Context) (map[string]bool, error) { return nil, nil }

func (f *fakeStore) ReferencedObjects(context.Context, []string) (map[string]bool, error) {
	return nil, nil
}

func (f *fakeStore) SessionsPastRetention(context.Context, time.Time, int) ([]uuid.UUID, error) {
	return nil, nil
}

func (f *fakeStore) AbandonedSessions(context.Context, time.Time, int) ([]uuid.UUID, error) {
	return nil, nil
}

// eventKinds lists a session's history kinds, oldest first.
func (f *fakeStore) eventKinds(id uuid.UUID) []string {
	var out []string
	for _, e := range f.events {
		if e.SessionID == id {
			out = append(out, e.Kind)
		}
	}
	return out
}

// fakeJobs and fakeOutbox record what was queued in a transaction.
type fakeJobs struct{ queued []river.JobArgs }

func (j *fakeJobs) Enqueue(_ context.Context, _ jobs.Tx, args river.JobArgs, _ *river.InsertOpts) error {
	j.queued = append(j.queued, args)
	return nil
}

type fakeOutbox struct {
	events   []string
	subjects []webhook.Subject
}

func (o *fakeOutbox) Record(_ context.Context, _ webhook.Tx, s webhook.Subject, event string) error {
	o.events = append(o.events, event+" "+s.Status)
	o.subjects = append(o.subjects, s)
	return nil
}

// fixture is a service over the fakes.
type fixture struct {
	store  *fakeStore
	jobs   *fakeJobs
	outbox *fakeOutbox
	svc    *Service
}

func newFixture() *fixture {
	f := &fixture{store: newFakeStore(), jobs: &fakeJobs{}, outbox: &fakeOutbox{}}
	f.svc = NewService(Deps{Store: f.store, Jobs: f.jobs, Outbox: f.outbox, IdempotencyTTL: time.Hour})
	return f
}

func reasonsOf(t interface{ Fatal(...any) }, raw json.RawMessage) []Reason {
	var rs []Reason
	if err := json.Unmarshal(raw, &rs); err != nil {
		t.Fatal(err)
	}
	return rs
}
