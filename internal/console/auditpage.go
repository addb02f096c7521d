package console

import (
	"net/http"

	"github.com/enxtai/kyc/internal/audit"
)

// auditPage reads the audit log, newest first, filtered by action, actor and target.
func (c *Console) auditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := audit.Filter{Action: q.Get("action"), ActorID: q.Get("actor"), TargetID: q.Get("target"), Limit: 100}
	page, err := audit.NewLog(c.store).List(r.Context(), f, q.Get("after"))
	if err != nil {
		c.useCaseError(w, r, err)
		return
	}
	next := ""
	if page.Next != "" {
		nq := q
		nq.Set("after", page.Next)
		next = "/console/audit?" + nq.Encode()
	}
	c.render(w, r, http.StatusOK, "audit", map[string]any{"Entries": page.Entries, "Next": next,
		"F": map[string]string{"action": f.Action, "actor": f.ActorID, "target": f.TargetID}})
}
