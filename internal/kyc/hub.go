package kyc

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgxlisten"

	"github.com/enxtai/kyc/internal/store"
)

// Hub wakes the watchers of a session when any replica changes it: one LISTEN connection per process, fanned
// out in memory. A wake-up says only "look again"; watchers re-read the session, so a coalesced or repeated
// wake-up is harmless, and after a reconnect every watcher is woken because notifications may have been missed.
type Hub struct {
	connect func(ctx context.Context) (*pgx.Conn, error)
	log     *slog.Logger

	mu       sync.Mutex
	watchers map[uuid.UUID]map[chan struct{}]struct{}
	closing  chan struct{}
	once     sync.Once

	onChange func(id uuid.UUID)        // told before watchers wake (a cache drops the session)
	onReset  func()                    // told after a reconnect, when changes may have been missed
	extra    map[string]channelHandler // other channels on the same connection (ListenToo)
}

// OnChange registers what must happen when any replica changes a session, before its watchers wake; onReset
// runs after a reconnect of the listener, when notifications may have been missed. Call before Run.
func (h *Hub) OnChange(onChange func(id uuid.UUID), onReset func()) {
	h.onChange, h.onReset = onChange, onReset
}

// NewHub returns a hub that listens through its own connection made by connect.
func NewHub(connect func(ctx context.Context) (*pgx.Conn, error), log *slog.Logger) *Hub {
	return &Hub{connect: connect, log: log, watchers: map[uuid.UUID]map[chan struct{}]struct{}{},
		closing: make(chan struct{})}
}

// Run listens until ctx ends, reconnecting after failures.
func (h *Hub) Run(ctx context.Context) error {
	l := &pgxlisten.Listener{
		Connect:        h.connect,
		ReconnectDelay: time.Second,
		LogError: func(_ context.Context, err error) {
			if ctx.Err() == nil {
				h.log.Warn("session change listener", "err", err)
			}
		},
	}
	l.Handle(store.SessionChangedChannel, h)
	for channel, handler := range h.extra {
		l.Handle(channel, handler)
	}
	err := l.Listen(ctx)
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// Shutdown ends every watch, so a graceful stop is not held up by long-lived streams; clients reconnect to
// another replica and get the current state first.
func (h *Hub) Shutdown() { h.once.Do(func() { close(h.closing) }) }

// Closing is closed when the hub shuts down.
func (h *Hub) Closing() <-chan struct{} { return h.closing }

// Subscribe returns a channel woken when the session changes, and a function to stop.
func (h *Hub) Subscribe(id uuid.UUID) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	if h.watchers[id] == nil {
		h.watchers[id] = map[chan struct{}]struct{}{}
	}
	h.watchers[id][ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.watchers[id], ch)
		if len(h.watchers[id]) == 0 {
			delete(h.watchers, id)
		}
		h.mu.Unlock()
	}
}

// HandleNotification wakes the watchers of the session named in the payload.
func (h *Hub) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	id, err := uuid.Parse(n.Payload)
	if err != nil {
		return err
	}
	if h.onChange != nil {
		h.onChange(id)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.watchers[id] {
		wake(ch)
	}
	return nil
}

// HandleBacklog wakes everyone after (re)connecting: changes made while disconnected were not heard.
func (h *Hub) HandleBacklog(context.Context, string, *pgx.Conn) error {
	if h.onReset != nil {
		h.onReset()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, set := range h.watchers {
		for ch := range set {
			wake(ch)
		}
	}
	return nil
}

func wake(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default: // already pending
	}
}
