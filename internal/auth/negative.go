package auth

import (
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
)

// negativeCache remembers presented keys that are unknown or revoked, so a caller repeating a bad key (or a
// flood of them) costs a map lookup, not a database query each. Keys carry 256 random bits: an unknown key
// never becomes valid later, and a revoked one never again, so no invalidation is needed; the TTL only bounds
// how long a deleted row's hash is remembered. The size bounds memory under a flood of random keys (the
// per-address failure budget, FailureBudget, stops such a flood).
type negativeCache struct {
	lru *expirable.LRU[string, struct{}]
}

const (
	negativeEntries = 50_000
	negativeTTL     = 10 * time.Minute
)

func newNegativeCache() negativeCache {
	return negativeCache{expirable.NewLRU[string, struct{}](negativeEntries, nil, negativeTTL)}
}

func (c negativeCache) has(hash string) bool { return c.lru.Contains(hash) }
func (c negativeCache) add(hash string)      { c.lru.Add(hash, struct{}{}) }
