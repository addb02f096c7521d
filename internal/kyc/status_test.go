package kyc

import "testing"

func TestCanMove(t *testing.T) {
	cases := []struct {
		from, to Status
		want     bool
	}{
		{StatusPending, StatusDocumentsUploaded, true},
		{StatusPending, StatusOCRCompleted, false},
		{StatusPending, StatusVerified, false},
		{StatusDocumentsUploaded, StatusOCRCompleted, true},
		{StatusDocumentsUploaded, StatusPendingReview, true},
		{StatusDocumentsUploaded, StatusFaceVerified, false},
		{StatusOCRCompleted, StatusFaceVerified, true},
		{StatusOCRCompleted, StatusPendingReview, true},
		{StatusPendingReview, StatusVerified, true},
		{StatusPendingReview, StatusRejected, true},
		{StatusFaceVerified, StatusPendingReview, false},
		{StatusVerified, StatusRejected, false},
		{StatusRejected, StatusVerified, false},
		{StatusVerified, StatusDocumentsUploaded, false},
		{"NOPE", StatusPending, false},
	}
	for _, c := range cases {
		if got := CanMove(c.from, c.to); got != c.want {
			t.Errorf("CanMove(%s, %s) = %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

func TestProgress(t *testing.T) {
	cases := []struct {
		status Status
		docs   int
		want   int
	}{
		{StatusPending, 0, 0},
		{StatusPending, 2, 20},
		{StatusPending, 3, 30},
		{StatusDocumentsUploaded, 4, 40},
		{StatusOCRCompleted, 4, 70},
		{StatusFaceVerified, 4, 100},
		{StatusPendingReview, 4, 100},
		{StatusRejected, 4, 100},
	}
	for _, c := range cases {
		if got := Progress(c.status, c.docs); got != c.want {
			t.Errorf("Progress(%s, %d) = %d, want %d", c.status, c.docs, got, c.want)
		}
	}
}
