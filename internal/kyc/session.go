package kyc

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/store"
)

// Session is a KYC session as the use-cases and their callers see it. The store keeps it as a row
// (store.Session, with plain strings); sessionOf turns the row into this, so no caller above kyc handles rows.
type Session struct {
	ID             uuid.UUID
	ClientID       uuid.UUID
	Environment    string
	ExternalUserID string
	Email          string
	Phone          string
	Metadata       map[string]string
	Status         Status
	Progress       int
	ExtractedData  json.RawMessage // nil until known
	FaceMatchScore *float64
	LivenessScore  *float64
	ReviewReasons  json.RawMessage // nil until known: []Reason
	OCRResult      json.RawMessage // nil until known: the card reading, for reviewers
	Generation     int             // the processing run; a step of an older run is stale
	DecidedAt      *time.Time
	SupersededAt   *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// ErasedAt marks a tombstone: the personal data and documents were erased at the data principal's request.
	ErasedAt *time.Time
	// DocumentsErasedAt: the retention period ran out and the document images were deleted.
	DocumentsErasedAt *time.Time
}

func sessionOf(r store.Session) Session {
	return Session{
		ID: r.ID, ClientID: r.ClientID, Environment: r.Environment, ExternalUserID: r.ExternalUserID,
		Email: r.Email, Phone: r.Phone, Metadata: r.Metadata, Status: Status(r.Status), Progress: r.Progress,
		ExtractedData: r.ExtractedData, FaceMatchScore: r.FaceMatchScore, LivenessScore: r.LivenessScore,
		ReviewReasons: r.ReviewReasons, OCRResult: r.OCRResult, Generation: r.Generation, DecidedAt: r.DecidedAt,
		SupersededAt: r.SupersededAt, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, ErasedAt: r.ErasedAt,
		DocumentsErasedAt: r.DocumentsErasedAt,
	}
}

// Document is the current image of one type for a session (its bytes live, encrypted, in the object store).
type Document struct {
	SessionID   uuid.UUID
	Type        DocType
	ObjectKey   string
	ContentType string
	Size        int64
	Width       int
	Height      int
	SHA256      []byte
	Version     int // 1 for the first upload of the type, +1 per replacement
	UploadedAt  time.Time
}

func documentOf(r store.Document) Document {
	return Document{
		SessionID: r.SessionID, Type: DocType(r.Type), ObjectKey: r.ObjectKey, ContentType: r.ContentType,
		Size: r.Size, Width: r.Width, Height: r.Height, SHA256: r.SHA256, Version: r.Version, UploadedAt: r.UploadedAt,
	}
}

func documentsOf(rs []store.Document) []Document {
	out := make([]Document, 0, len(rs))
	for _, r := range rs {
		out = append(out, documentOf(r))
	}
	return out
}

// Event is one entry of a session's history.
type Event struct {
	ID        int64
	SessionID uuid.UUID
	Kind      string // kyc.initiated, kyc.document_uploaded, kyc.ocr_completed, ...
	Status    Status // the session's status after the event
	Detail    map[string]any
	CreatedAt time.Time
}

func eventsOf(rs []store.Event) []Event {
	out := make([]Event, 0, len(rs))
	for _, r := range rs {
		out = append(out, Event{ID: r.ID, SessionID: r.SessionID, Kind: r.Kind, Status: Status(r.Status),
			Detail: r.Detail, CreatedAt: r.CreatedAt})
	}
	return out
}
