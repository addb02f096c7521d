package kyc

import (
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/store"
)

// TestDecidable: which sessions a reviewer may decide, and what the others answer.
func TestDecidable(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name   string
		sess   store.Session
		to     string
		errHas string // "" = allowed
	}{
		{"review to verified", store.Session{Status: StatusPendingReview}, StatusVerified, ""},
		{"review to rejected", store.Session{Status: StatusPendingReview}, StatusRejected, ""},
		{"override an auto-approval", store.Session{Status: StatusFaceVerified}, StatusRejected, ""},
		{"confirm an auto-approval", store.Session{Status: StatusFaceVerified}, StatusVerified, ""},
		{"already verified", store.Session{Status: StatusVerified}, StatusRejected, "already decided (VERIFIED)"},
		{"already rejected", store.Session{Status: StatusRejected}, StatusRejected, "already decided (REJECTED)"},
		{"still processing", store.Session{Status: StatusOCRCompleted}, StatusVerified, "not awaiting a decision"},
		{"no documents yet", store.Session{Status: StatusPending}, StatusVerified, "not awaiting a decision"},
		{"replaced", store.Session{Status: StatusPendingReview, SupersededAt: &now}, StatusVerified, "replaced"},
		{"erased", store.Session{Status: StatusPendingReview, ErasedAt: &now}, StatusVerified, "erased"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := decidable(c.sess, c.to)
			if c.errHas == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.FailedState || !strings.Contains(e.Message, c.errHas) {
				t.Fatalf("got %v, want a FailedState (400) with %q", err, c.errHas)
			}
		})
	}
}
