package ratelimit

import (
	"fmt"
	"strconv"
	"time"

	"github.com/ulule/limiter/v3"
	"google.golang.org/grpc/metadata"
)

// Response metadata keys; the gateway passes x-ratelimit-* and retry-after on as HTTP headers.
const (
	HeaderLimit      = "x-ratelimit-limit"
	HeaderRemaining  = "x-ratelimit-remaining"
	HeaderReset      = "x-ratelimit-reset"
	HeaderRetryAfter = "retry-after"
)

// Decision is the verdict on one request and the state of its key's budget after it.
type Decision struct {
	Allowed   bool
	Limit     int64     // requests per window
	Remaining int64     // requests left in the current window
	Reset     time.Time // a whole second at which the current window has certainly ended
}

// decisionOf reads the library's counter state. Its Reset is the window's end rounded down to the second;
// one second is added so that a client waiting until Reset never arrives before the window has restarted.
func decisionOf(c limiter.Context) Decision {
	return Decision{Allowed: !c.Reached, Limit: c.Limit, Remaining: c.Remaining, Reset: time.Unix(c.Reset+1, 0)}
}

// RetryAfter is how many whole seconds a refused caller should wait: until Reset, at least one.
func (d Decision) RetryAfter(now time.Time) int64 {
	s := d.Reset.Unix() - now.Unix()
	if s < 1 {
		return 1
	}
	return s
}

// Metadata is what a response carries: the budget, and retry-after when the request was refused.
func (d Decision) Metadata(now time.Time) metadata.MD {
	md := metadata.Pairs(
		HeaderLimit, strconv.FormatInt(d.Limit, 10),
		HeaderRemaining, strconv.FormatInt(d.Remaining, 10),
		HeaderReset, strconv.FormatInt(d.Reset.Unix(), 10),
	)
	if !d.Allowed {
		md.Set(HeaderRetryAfter, strconv.FormatInt(d.RetryAfter(now), 10))
	}
	return md
}

// per names the window in messages: "minute" for the guide's minute, the duration otherwise.
func per(window time.Duration) string {
	switch window {
	case time.Minute:
		return "minute"
	case time.Second:
		return "second"
	case time.Hour:
		return "hour"
	}
	return fmt.Sprint(window)
}
