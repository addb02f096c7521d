package jobs

import (
	"context"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// idleMiddleware calls onIdle once each time the process's jobs have all finished and none has started for
// `after`: the worker gives its engines' freed native memory back then (internal/nativemem), once per burst of
// work rather than after every job.
type idleMiddleware struct {
	river.MiddlewareDefaults
	after  time.Duration
	onIdle func()

	mu      sync.Mutex
	running int
	gen     uint64 // bumped by every start, so that a timer armed before it does nothing
	timer   *time.Timer
}

var _ rivertype.WorkerMiddleware = &idleMiddleware{}

func newIdleMiddleware(after time.Duration, onIdle func()) *idleMiddleware {
	return &idleMiddleware{after: after, onIdle: onIdle}
}

func (m *idleMiddleware) Work(ctx context.Context, _ *rivertype.JobRow, doInner func(context.Context) error) error {
	m.start()
	defer m.finish()
	return doInner(ctx)
}

func (m *idleMiddleware) start() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.running++
	m.gen++
	if m.timer != nil {
		m.timer.Stop()
		m.timer = nil
	}
}

func (m *idleMiddleware) finish() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.running--
	if m.running > 0 {
		return
	}
	gen := m.gen
	m.timer = time.AfterFunc(m.after, func() {
		m.mu.Lock()
		idle := m.running == 0 && m.gen == gen
		if idle {
			m.timer = nil
		}
		m.mu.Unlock()
		if idle {
			m.onIdle()
		}
	})
}
