package console

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"

	"github.com/enxtai/kyc/internal/audit"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/store"
)

const (
	sessionCookie = "kyc_console"       // the sign-in's random token; the database keeps its hash
	loginCookie   = "kyc_console_login" // the sign-in form's CSRF token (double submit: cookie and field match)
)

// reviewer is the signed-in admin of a request.
type reviewer struct {
	store.ConsoleSession
	tokenHash []byte
	actor     audit.Actor
}

type reviewerKey struct{}

func reviewerOf(r *http.Request) reviewer {
	v, _ := r.Context().Value(reviewerKey{}).(reviewer)
	return v
}

func randomToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func hashToken(t string) []byte { h := sha256.Sum256([]byte(t)); return h[:] }

// cookie makes a console cookie: HttpOnly, SameSite=Strict, Secure over TLS or when configured.
func (c *Console) cookie(r *http.Request, name, value string, maxAge int) *http.Cookie {
	//nolint:gosec // G124: Secure is set over TLS or with KYC_CONSOLE_SECURE_COOKIE; plain HTTP on localhost must work.
	return &http.Cookie{Name: name, Value: value, Path: "/console", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil || c.cfg.SecureCookie, MaxAge: maxAge}
}

func (c *Console) loginPage(w http.ResponseWriter, r *http.Request) {
	c.renderLogin(w, r, http.StatusOK, "")
}

func (c *Console) renderLogin(w http.ResponseWriter, r *http.Request, code int, msg string) {
	token := randomToken()
	http.SetCookie(w, c.cookie(r, loginCookie, token, 3600))
	c.render(w, r, code, "login", map[string]any{"CSRF": token, "Error": msg})
}

// login signs in with an admin key. Failures are counted per address on all replicas; past the limit every
// attempt is refused (429) until the window has passed, so keys cannot be guessed through the form.
func (c *Console) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	ip := c.cfg.ClientAddr(r)
	form, _ := r.Cookie(loginCookie) // no cookie: form is nil, refused below
	if err := r.ParseForm(); err != nil || form == nil || !sameToken(form.Value, r.PostForm.Get("csrf")) {
		c.fail(w, r, http.StatusForbidden, "The sign-in form expired or did not come from this console. Reload it and sign in again.")
		return
	}
	ctx := r.Context()
	failures, err := c.store.SignInFailures(ctx, ip, signInWindow)
	if err != nil {
		c.internal(w, r, err)
		return
	}
	if failures >= c.cfg.SignInLimit {
		c.renderLogin(w, r, http.StatusTooManyRequests, "Too many failed sign-ins from your address. Wait 15 minutes and try again.")
		return
	}
	p, err := c.auth.Authenticate(ctx, r.PostForm.Get("apiKey"))
	if err == nil && p.Role != auth.RoleAdmin {
		err = errors.New("not an admin key")
	}
	if err != nil {
		if rerr := c.store.RecordSignInFailure(ctx, ip, signInWindow); rerr != nil {
			c.log.WarnContext(ctx, "console: recording a failed sign-in", "err", rerr)
		}
		c.renderLogin(w, r, http.StatusUnauthorized, "This key cannot sign in: use a reviewer's (admin) key that is neither revoked nor expired.")
		return
	}
	token := randomToken()
	s := store.ConsoleSession{AdminID: p.AdminID, KeyID: p.KeyID, CSRF: randomToken()}
	actor := audit.Actor{Type: audit.ActorAdmin, ID: p.AdminID.String(), KeyID: p.KeyID, IP: ip}
	err = c.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteConsoleSession(ctx, nil, c.cfg.IdleTimeout); err != nil { // sweep idle sign-ins
			return err
		}
		if err := tx.InsertConsoleSession(ctx, hashToken(token), s, ip); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, actor, audit.Entry{Action: audit.ActionConsoleSignIn,
			TargetType: audit.TargetAdmin, TargetID: p.AdminID.String()})
	})
	if err != nil {
		c.internal(w, r, err)
		return
	}
	http.SetCookie(w, c.cookie(r, loginCookie, "", -1))
	http.SetCookie(w, c.cookie(r, sessionCookie, token, 0))
	http.Redirect(w, r, "/console/reviews", http.StatusSeeOther)
}

// signedIn admits requests of a live sign-in (see store.TouchConsoleSession) and sends others to the sign-in
// page (pages) or answers 401 (anything else).
func (c *Console) signedIn(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ck, err := r.Cookie(sessionCookie)
		var s store.ConsoleSession
		if err == nil {
			s, err = c.store.TouchConsoleSession(r.Context(), hashToken(ck.Value), c.cfg.IdleTimeout)
		}
		if errors.Is(err, store.ErrNotFound) || errors.Is(err, http.ErrNoCookie) {
			http.SetCookie(w, c.cookie(r, sessionCookie, "", -1))
			if r.Method == http.MethodGet && !isImage(r) {
				http.Redirect(w, r, "/console/login", http.StatusSeeOther)
				return
			}
			c.fail(w, r, http.StatusUnauthorized, "Your sign-in has ended. Sign in again.")
			return
		}
		if err != nil {
			c.internal(w, r, err)
			return
		}
		requestID := randomToken()[:24]
		w.Header().Set("X-Request-Id", requestID)
		rv := reviewer{ConsoleSession: s, tokenHash: hashToken(ck.Value), actor: audit.Actor{Type: audit.ActorAdmin,
			ID: s.AdminID.String(), KeyID: s.KeyID, IP: c.cfg.ClientAddr(r), RequestID: requestID}}
		next(w, r.WithContext(context.WithValue(r.Context(), reviewerKey{}, rv)))
	})
}

// isImage tells an image's request (a document or a face crop) from a page's: an image is not redirected.
func isImage(r *http.Request) bool { return r.PathValue("type") != "" || r.PathValue("ref") != "" }

// checkCSRF refuses a state-changing POST whose csrf field is not the sign-in's token (403).
func (c *Console) checkCSRF(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
		if err := r.ParseForm(); err != nil || !sameToken(reviewerOf(r).CSRF, r.PostForm.Get("csrf")) {
			c.fail(w, r, http.StatusForbidden, "This form did not come from your console session (missing or wrong csrf). Reload the page and try again.")
			return
		}
		next(w, r)
	}
}

func sameToken(want, got string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

func (c *Console) logout(w http.ResponseWriter, r *http.Request) {
	rv := reviewerOf(r)
	ctx := r.Context()
	err := c.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteConsoleSession(ctx, rv.tokenHash, c.cfg.IdleTimeout); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Queries, rv.actor, audit.Entry{Action: audit.ActionConsoleSignOut,
			TargetType: audit.TargetAdmin, TargetID: rv.AdminID.String()})
	})
	if err != nil {
		c.internal(w, r, err)
		return
	}
	http.SetCookie(w, c.cookie(r, sessionCookie, "", -1))
	http.Redirect(w, r, "/console/login", http.StatusSeeOther)
}
