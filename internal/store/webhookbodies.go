package store

import (
	"context"
	"time"
)

// EraseDeliveryBodies erases the bodies of up to limit deliveries that are over (delivered, or failed for
// good) since before cutoff: the body carries the session's extracted data; the delivery's id, event, status,
// attempts and times stay in the log. It returns how many it erased.
func (q Queries) EraseDeliveryBodies(ctx context.Context, cutoff time.Time, limit int) (int, error) {
	tag, err := q.db.Exec(ctx, `
		UPDATE webhook_deliveries SET body = NULL, body_erased_at = now()
		WHERE id IN (SELECT id FROM webhook_deliveries
			WHERE body IS NOT NULL AND status <> 'pending' AND coalesce(delivered_at, created_at) < $1
			ORDER BY coalesce(delivered_at, created_at) LIMIT $2 FOR UPDATE SKIP LOCKED)`, cutoff, limit)
	return int(tag.RowsAffected()), err
}
