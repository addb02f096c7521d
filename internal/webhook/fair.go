package webhook

import (
	"sync"
	"time"

	"github.com/google/uuid"
)

// clientSlots bounds the deliveries of one client in flight at once in this process, so that a client whose
// endpoint is slow (or times out) holds at most perClient of the shared delivery workers and every other
// client's deliveries keep flowing. River v0.51 (open source) has no queue partitioning or per-key concurrency
// limit (that is River Pro), hence this limiter in the worker: a job that finds its client's slots full is
// snoozed (River does not count a snooze as an attempt) and fetched again later.
//
// The bound is per process: with W worker processes a client has at most W*perClient deliveries in flight.
type clientSlots struct {
	perClient int
	mu        sync.Mutex
	inFlight  map[uuid.UUID]int
}

func newClientSlots(perClient int) *clientSlots {
	return &clientSlots{perClient: max(perClient, 1), inFlight: map[uuid.UUID]int{}}
}

// acquire takes a slot of the client, or reports false when all of its slots are in use.
func (s *clientSlots) acquire(client uuid.UUID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inFlight[client] >= s.perClient {
		return false
	}
	s.inFlight[client]++
	return true
}

func (s *clientSlots) release(client uuid.UUID) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inFlight[client]--; s.inFlight[client] <= 0 {
		delete(s.inFlight, client)
	}
}

// busySnooze is how long a job of a client with no free slot waits before it is fetched again: short enough
// that the client's queue drains at the pace of its endpoint, long enough that waiting jobs are not fetched
// in a busy loop. Jobs of other clients, scheduled earlier, are fetched first.
const busySnooze = 2 * time.Second
