package api

import (
	"time"

	"github.com/google/uuid"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/enxtai/kyc/internal/apperr"
)

// Timestamp is how every API shows a time: UTC, millisecond precision ("2026-01-05T10:30:00.123Z"), nil for
// none.
func Timestamp(t *time.Time) *timestamppb.Timestamp {
	if t == nil {
		return nil
	}
	return timestamppb.New(t.UTC().Truncate(time.Millisecond))
}

// ParseID parses an id field the validation interceptor has already checked. Should a rule ever be missing,
// the caller gets a 400 naming the field instead of a panic.
func ParseID(field, value string) (uuid.UUID, error) {
	id, err := uuid.Parse(value)
	if err != nil {
		return uuid.Nil, apperr.New(apperr.Invalid, "%s must be a UUID.", field)
	}
	return id, nil
}
