package ratelimit

import "github.com/google/uuid"

// ForgetClient drops the cached override of a client, so a change of its limit (heard from any replica over
// PostgreSQL notifications) applies to its next request here.
func (l *Limiter) ForgetClient(id uuid.UUID) { l.budgets.forget(id) }

// ForgetAll drops every cached override (after missed notifications).
func (l *Limiter) ForgetAll() { l.budgets.forgetAll() }

func (b *budgets) forget(id uuid.UUID) {
	if b.cache != nil {
		b.cache.Remove(id)
	}
}

func (b *budgets) forgetAll() {
	if b.cache != nil {
		b.cache.Purge()
	}
}
