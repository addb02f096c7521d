package api

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"
)

// Timestamp is how every API shows a time: UTC, millisecond precision ("2026-01-05T10:30:00.123Z"), nil for
// none.
func Timestamp(t *time.Time) *timestamppb.Timestamp {
	if t == nil {
		return nil
	}
	return timestamppb.New(t.UTC().Truncate(time.Millisecond))
}
