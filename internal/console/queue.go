package console

import (
	"net/http"
	"net/url"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/config"
	"github.com/enxtai/kyc/internal/kyc"
)

// queueRow is a session in the queue.
type queueRow struct {
	kyc.ReviewItem
	Reasons []reasonView
}

// queue shows PENDING_REVIEW sessions oldest first, filtered by reason, client, environment and minimum age,
// a page at a time, with the count of each reason in the whole queue.
func (c *Console) queue(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := kyc.ReviewFilter{Reason: q.Get("reason"), Environment: q.Get("env"), Limit: 50}
	if f.Environment != "" && f.Environment != "live" && f.Environment != "test" {
		c.fail(w, r, http.StatusBadRequest, "The environment filter is live or test.")
		return
	}
	if id := q.Get("client"); id != "" {
		var err error
		if f.ClientID, err = uuid.Parse(id); err != nil {
			c.fail(w, r, http.StatusBadRequest, "The client filter is not a client id.")
			return
		}
	}
	if a := q.Get("age"); a != "" {
		d, err := config.ParseAge(a)
		if err != nil {
			c.fail(w, r, http.StatusBadRequest, "The age filter is a duration such as 1h or 2d.")
			return
		}
		before := time.Now().Add(-d)
		f.CreatedBefore = &before
	}
	page, err := c.kyc.Reviews(r.Context(), f, q.Get("after"))
	if err != nil {
		c.useCaseError(w, r, err)
		return
	}
	facets, err := c.kyc.ReviewFacets(r.Context())
	if err != nil {
		c.useCaseError(w, r, err)
		return
	}
	rows := make([]queueRow, 0, len(page.Sessions))
	for _, it := range page.Sessions {
		rows = append(rows, queueRow{ReviewItem: it, Reasons: reasonsOf(it.ReviewReasons)})
	}
	next := ""
	if page.Next != "" {
		nq := url.Values{}
		for k, v := range q {
			nq[k] = v
		}
		nq.Set("after", page.Next)
		next = "/console/reviews?" + nq.Encode()
	}
	c.render(w, r, http.StatusOK, "queue", map[string]any{
		"Rows": rows, "Facets": facets, "Next": next, "Paged": q.Get("after") != "",
		"F": map[string]string{"reason": f.Reason, "client": q.Get("client"), "env": f.Environment, "age": q.Get("age")},
	})
}
