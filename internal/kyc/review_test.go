package kyc

import (
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/apperr"
)

// TestDecidable: which sessions a reviewer may decide, and what the others answer.
func TestDecidable(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name   string
		sess   Session
		to     Status
		errHas string // "" = allowed
	}{
		{"review to verified", Session{Status: StatusPendingReview}, StatusVerified, ""},
		{"review to rejected", Session{Status: StatusPendingReview}, StatusRejected, ""},
		{"override an auto-approval", Session{Status: StatusFaceVerified}, StatusRejected, ""},
		{"confirm an auto-approval", Session{Status: StatusFaceVerified}, StatusVerified, ""},
		{"already verified", Session{Status: StatusVerified}, StatusRejected, "already decided (VERIFIED)"},
		{"already rejected", Session{Status: StatusRejected}, StatusRejected, "already decided (REJECTED)"},
		{"still processing", Session{Status: StatusOCRCompleted}, StatusVerified, "not awaiting a decision"},
		{"no documents yet", Session{Status: StatusPending}, StatusVerified, "not awaiting a decision"},
		{"replaced", Session{Status: StatusPendingReview, SupersededAt: &now}, StatusVerified, "replaced"},
		{"erased", Session{Status: StatusPendingReview, ErasedAt: &now}, StatusVerified, "erased"},
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
