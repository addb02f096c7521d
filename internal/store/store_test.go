package store_test

import (
	"context"
	"testing"

	"github.com/enxtai/kyc/internal/store"
	"github.com/enxtai/kyc/internal/store/storetest"
	"github.com/enxtai/kyc/internal/testkit/pgtest"
)

// TestConformance runs the store's conformance suite against the real PostgreSQL, a fresh database per case.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *store.Store {
		s, err := store.Open(context.Background(), pgtest.NewDatabase(t), 4)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return s
	})
}
