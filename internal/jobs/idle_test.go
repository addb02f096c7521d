package jobs

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestIdleMiddleware(t *testing.T) {
	const after = 30 * time.Millisecond
	settle := func() { time.Sleep(4 * after) }
	tests := []struct {
		name string
		run  func(m *idleMiddleware)
		want int64
	}{
		{"nothing ran", func(*idleMiddleware) {}, 0},
		{"one job, then quiet", func(m *idleMiddleware) { m.start(); m.finish() }, 1},
		{"still running", func(m *idleMiddleware) { m.start() }, 0},
		{"overlapping jobs: once, after the last", func(m *idleMiddleware) {
			m.start()
			m.start()
			m.finish()
			m.finish()
		}, 1},
		{"a job starts inside the idle wait: the wait starts again", func(m *idleMiddleware) {
			m.start()
			m.finish()
			time.Sleep(after / 3)
			m.start()
			settle()
		}, 0},
		{"two bursts apart: twice", func(m *idleMiddleware) {
			m.start()
			m.finish()
			settle()
			m.start()
			m.finish()
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int64
			m := newIdleMiddleware(after, func() { calls.Add(1) })
			tt.run(m)
			settle()
			if got := calls.Load(); got != tt.want {
				t.Fatalf("onIdle called %d times, want %d", got, tt.want)
			}
		})
	}
}
