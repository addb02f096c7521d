package console

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/kyc"
	"github.com/enxtai/kyc/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// Config is what the console needs from the server's settings.
type Config struct {
	SecureCookie bool          // Secure cookies although the request came over plain HTTP (TLS ends at a proxy)
	IdleTimeout  time.Duration // a sign-in unused this long ends
	SignInLimit  int           // failed sign-ins per address per signInWindow
	ClientAddr   func(*http.Request) string
	Bands        Bands // the default face decision bands (a client's override wins), to read the scores against
}

// Bands are the face decision bands: a match at or above AutoApprove passes, below Review is a likely
// mismatch (between them: a weak match); a liveness below MinLiveness is flagged.
type Bands struct{ AutoApprove, Review, MinLiveness float64 }

// signInWindow is the sliding window of the failed sign-in limit.
const signInWindow = 15 * time.Minute

// Authenticator checks a presented API key (internal/auth's, shared with the API).
type Authenticator interface {
	Authenticate(ctx context.Context, key string) (auth.Principal, error)
}

// Console serves /console.
type Console struct {
	cfg   Config
	kyc   *kyc.Service
	store *store.Store // sign-ins and their failures only
	auth  Authenticator
	log   *slog.Logger
	pages map[string]*template.Template
}

// New builds the console.
func New(cfg Config, svc *kyc.Service, s *store.Store, a Authenticator, log *slog.Logger) (*Console, error) {
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	if cfg.ClientAddr == nil {
		cfg.ClientAddr = func(r *http.Request) string { return r.RemoteAddr }
	}
	return &Console{cfg: cfg, kyc: svc, store: s, auth: a, log: log, pages: pages}, nil
}

// Handler routes /console/….
func (c *Console) Handler() http.Handler {
	mux := http.NewServeMux()
	assets, _ := fs.Sub(assetFS, "assets")
	mux.Handle("GET /console/assets/", http.StripPrefix("/console/assets/", http.FileServerFS(assets)))
	mux.HandleFunc("GET /console/login", c.loginPage)
	mux.HandleFunc("POST /console/login", c.login)
	mux.HandleFunc("GET /console", redirect("/console/reviews"))
	mux.HandleFunc("GET /console/{$}", redirect("/console/reviews"))
	mux.Handle("POST /console/logout", c.signedIn(c.checkCSRF(c.logout)))
	mux.Handle("GET /console/reviews", c.signedIn(c.queue))
	mux.Handle("GET /console/sessions/{id}", c.signedIn(c.casePage))
	mux.Handle("GET /console/sessions/{id}/documents/{type}", c.signedIn(c.document))
	mux.Handle("GET /console/sessions/{id}/faces/{ref}", c.signedIn(c.faceCrop))
	mux.Handle("POST /console/sessions/{id}/approve", c.signedIn(c.checkCSRF(c.decide(true))))
	mux.Handle("POST /console/sessions/{id}/reject", c.signedIn(c.checkCSRF(c.decide(false))))
	mux.Handle("GET /console/audit", c.signedIn(c.auditPage))
	mux.HandleFunc("/console/", func(w http.ResponseWriter, r *http.Request) {
		c.fail(w, r, http.StatusNotFound, "There is no such page.")
	})
	return securityHeaders(mux)
}

func redirect(to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusSeeOther) }
}

// csp allows the console's own script, styles and images only: no inline script or style, no other origin, no
// framing, forms posting only to the console.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// securityHeaders sets on every console response: the CSP, no framing, no caching (pages and images hold
// personal data), no sniffing, no referrer.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
