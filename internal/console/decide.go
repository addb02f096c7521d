package console

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/kyc"
)

// decide approves or rejects through the same use-case as the admin API, with the generation the page showed.
// A stale generation reloads the case and says why (409); success moves on to the next case in the queue.
func (c *Console) decide(approve bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := uuid.Parse(r.PathValue("id"))
		if err != nil {
			c.fail(w, r, http.StatusNotFound, "There is no such KYC session.")
			return
		}
		reason := strings.TrimSpace(r.PostForm.Get("reason"))
		gen, err := strconv.Atoi(r.PostForm.Get("generation"))
		switch {
		case err != nil:
			c.showCase(w, r, http.StatusBadRequest, "The decision did not say which version of the case you saw. Decide again.")
			return
		case !approve && reason == "":
			c.showCase(w, r, http.StatusBadRequest, "A rejection needs a reason.")
			return
		case len(reason) > 1000:
			c.showCase(w, r, http.StatusBadRequest, "The reason is longer than 1000 characters.")
			return
		}
		_, err = c.kyc.Decide(r.Context(), reviewerOf(r).actor, id, kyc.Decision{Approve: approve, Reason: reason, Seen: &gen})
		if e, ok := apperr.As(err); ok && (e.Kind == apperr.Stale || e.Kind == apperr.FailedState) {
			c.showCase(w, r, http.StatusConflict, e.Message)
			return
		}
		if err != nil {
			c.useCaseError(w, r, err)
			return
		}
		next, err := c.kyc.Reviews(r.Context(), kyc.ReviewFilter{Limit: 1}, "")
		if err != nil || len(next.Sessions) == 0 {
			http.Redirect(w, r, "/console/reviews?done=1", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/console/sessions/"+next.Sessions[0].ID.String(), http.StatusSeeOther)
	}
}

// document serves a document image through the server (audited by kyc.ReviewDocument), never cached.
func (c *Console) document(w http.ResponseWriter, r *http.Request) {
	id, err := uuid.Parse(r.PathValue("id"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	d, body, err := c.kyc.ReviewDocument(r.Context(), reviewerOf(r).actor, id, kyc.DocType(r.PathValue("type")))
	if err != nil {
		c.imageError(w, r, err)
		return
	}
	defer body.Close()
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(d.Size, 10))
	if _, err := io.Copy(w, body); err != nil {
		panic(http.ErrAbortHandler) // a cut image must not look whole
	}
}
