package console

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/enxtai/kyc/internal/apperr"
	"github.com/enxtai/kyc/internal/kyc"
)

var funcs = template.FuncMap{
	"age":     age,
	"ts":      func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") },
	"score":   score,
	"words":   reasonWords,
	"pct":     func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"lower":   func(v any) string { return strings.ToLower(fmt.Sprint(v)) },
	"docname": docName,
	"list":    func(s ...string) []string { return s },
}

// parsePages parses each page with the shared layout.
func parsePages() (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for _, name := range []string{"login", "queue", "case", "audit", "error"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("console template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// render writes a page; the data's "Me" is the signed-in reviewer when there is one.
func (c *Console) render(w http.ResponseWriter, r *http.Request, code int, page string, data map[string]any) {
	rv := reviewerOf(r)
	if rv.AdminID.String() != "00000000-0000-0000-0000-000000000000" {
		data["Me"] = rv
	}
	data["Page"] = page
	var buf bytes.Buffer
	if err := c.pages[page].Execute(&buf, data); err != nil {
		c.log.ErrorContext(r.Context(), "console: render", "page", page, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// fail shows an error page with a status.
func (c *Console) fail(w http.ResponseWriter, r *http.Request, code int, msg string) {
	c.render(w, r, code, "error", map[string]any{"Code": code, "Status": http.StatusText(code), "Message": msg})
}

// internal logs an unexpected failure and shows a generic page.
func (c *Console) internal(w http.ResponseWriter, r *http.Request, err error) {
	c.log.ErrorContext(r.Context(), "console", "path", r.URL.Path, "err", err)
	c.fail(w, r, http.StatusInternalServerError, "Something went wrong on the server. Try again.")
}

// imageError answers a failed image read (a document or a face crop): a plain 404 for what is not there, so
// an <img> shows nothing rather than a page; anything else is the server's fault.
func (c *Console) imageError(w http.ResponseWriter, r *http.Request, err error) {
	if e, ok := apperr.As(err); ok && e.Kind == apperr.NotFound {
		http.Error(w, e.Message, http.StatusNotFound)
		return
	}
	c.internal(w, r, err)
}

// useCaseError shows a use-case's refusal with the status the API would give it.
func (c *Console) useCaseError(w http.ResponseWriter, r *http.Request, err error) {
	e, ok := apperr.As(err)
	if !ok || e.Kind == apperr.Internal || e.Kind == apperr.Unavailable {
		c.internal(w, r, err)
		return
	}
	code := map[apperr.Kind]int{apperr.Invalid: 400, apperr.NotFound: 404, apperr.FailedState: 409, apperr.Stale: 409,
		apperr.Forbidden: 403, apperr.Conflict: 409}[e.Kind]
	if code == 0 {
		code = 400
	}
	c.fail(w, r, code, e.Message)
}

func age(t time.Time) string {
	d := time.Since(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh %dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

func score(f *float64) string {
	if f == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f", *f)
}

func docName(t kyc.DocType) string {
	return map[kyc.DocType]string{kyc.DocPAN: "PAN card", kyc.DocAadhaarFront: "Aadhaar front",
		kyc.DocAadhaarBack: "Aadhaar back", kyc.DocLivePhoto: "Selfie", "AADHAAR_QR_PHOTO": "Aadhaar QR photo"}[t]
}
