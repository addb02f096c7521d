package kyc

// Status is where a session stands. The values are the public API's names, stored as they are.
type Status string

// The statuses of the API guide.
const (
	StatusPending           Status = "PENDING"
	StatusDocumentsUploaded Status = "DOCUMENTS_UPLOADED"
	StatusOCRCompleted      Status = "OCR_COMPLETED"
	StatusFaceVerified      Status = "FACE_VERIFIED"
	StatusPendingReview     Status = "PENDING_REVIEW"
	StatusVerified          Status = "VERIFIED"
	StatusRejected          Status = "REJECTED"
)

// moves is the whole state machine: which status may follow which. Processing steps may fall to
// PENDING_REVIEW when they fail; a reviewer decides PENDING_REVIEW (or overrides FACE_VERIFIED); a re-run of
// verification (verify endpoint, or a replaced document) starts again from DOCUMENTS_UPLOADED.
var moves = map[Status][]Status{
	StatusPending:           {StatusDocumentsUploaded},
	StatusDocumentsUploaded: {StatusOCRCompleted, StatusPendingReview, StatusDocumentsUploaded},
	StatusOCRCompleted:      {StatusFaceVerified, StatusPendingReview, StatusDocumentsUploaded},
	StatusFaceVerified:      {StatusVerified, StatusRejected},
	StatusPendingReview:     {StatusVerified, StatusRejected, StatusDocumentsUploaded},
	StatusVerified:          nil,
	StatusRejected:          nil,
}

// CanMove reports whether a session in status from may move to status to.
func CanMove(from, to Status) bool {
	for _, s := range moves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// IsDecided reports whether the session has an outcome: no more uploads are accepted.
func IsDecided(status Status) bool {
	switch status {
	case StatusFaceVerified, StatusVerified, StatusRejected:
		return true
	}
	return false
}

// IsFinal reports whether nothing can change the session any more.
func IsFinal(status Status) bool { return status == StatusVerified || status == StatusRejected }

// Progress of a session: 10 per document received while PENDING, then fixed steps to 100 at a decision.
func Progress(status Status, documents int) int {
	switch status {
	case StatusPending:
		return min(documents, 3) * 10
	case StatusDocumentsUploaded:
		return 40
	case StatusOCRCompleted:
		return 70
	default:
		return 100
	}
}
