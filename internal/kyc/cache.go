package kyc

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/hashicorp/golang-lru/v2/expirable"
)

// sessionCache keeps recently read sessions, so status polling (the guide's clients poll every few seconds) does
// not cost a database query per request. It is exact for this process (writes evict after commit) and for
// other replicas as soon as their change is heard (LISTEN/NOTIFY); the TTL bounds staleness only if a
// notification is lost.
type sessionCache struct {
	lru *expirable.LRU[uuid.UUID, Session]
	// epoch moves on every eviction: a read that raced a write (read the old row, then the write evicted)
	// sees the epoch changed and does not cache what it read.
	epoch atomic.Uint64
}

func newSessionCache(ttl time.Duration) *sessionCache {
	return &sessionCache{lru: expirable.NewLRU[uuid.UUID, Session](50_000, nil, ttl)}
}

func (c *sessionCache) forget(ids []uuid.UUID) {
	c.epoch.Add(1)
	for _, id := range ids {
		c.lru.Remove(id)
	}
}

func (c *sessionCache) purge() {
	c.epoch.Add(1)
	c.lru.Purge()
}

// getSession reads a session through the cache.
func (s *Service) getSession(ctx context.Context, id uuid.UUID) (Session, error) {
	if s.sessions == nil {
		return getSession(ctx, s.store, id)
	}
	if sess, ok := s.sessions.lru.Get(id); ok {
		return sess, nil
	}
	epoch := s.sessions.epoch.Load()
	sess, err := getSession(ctx, s.store, id)
	if err == nil && s.sessions.epoch.Load() == epoch {
		s.sessions.lru.Add(id, sess)
	}
	return sess, err
}
