package kyc

import (
	"context"
	"time"
)

// EraseWebhookBodies erases the stored bodies of up to limit webhook deliveries that ended (delivered, or
// failed for good) before cutoff: they carry the extracted data, which the client has had; the delivery log's
// metadata stays. It returns how many it erased.
func (s *Service) EraseWebhookBodies(ctx context.Context, cutoff time.Time, limit int) (int, error) {
	return s.store.EraseDeliveryBodies(ctx, cutoff, limit)
}
