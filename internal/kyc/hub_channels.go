package kyc

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ListenToo makes the hub's one LISTEN connection also listen on channel: handle gets each payload, and reset
// runs after every (re)connect, when notifications may have been missed (a cache should drop everything).
// Other packages' caches (API keys, rate limits) use it so that a process holds one listening connection.
// Call before Run.
func (h *Hub) ListenToo(channel string, handle func(payload string), reset func()) {
	if h.extra == nil {
		h.extra = map[string]channelHandler{}
	}
	h.extra[channel] = channelHandler{handle: handle, reset: reset}
}

type channelHandler struct {
	handle func(payload string)
	reset  func()
}

func (c channelHandler) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	c.handle(n.Payload)
	return nil
}

func (c channelHandler) HandleBacklog(context.Context, string, *pgx.Conn) error {
	if c.reset != nil {
		c.reset()
	}
	return nil
}
