package gateway

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"google.golang.org/grpc/status"

	"github.com/enxtai/kyc/internal/api"
	"github.com/enxtai/kyc/internal/auth"
	"github.com/enxtai/kyc/internal/imagecheck"
)

// KeyCheck authenticates a request's API key from its headers (key is "" when none was sent) for the client
// at clientIP, before any of its body is read. Its error (an apperr) is the answer; nil lets the request on,
// where the gRPC chain checks the key again (from its cache) together with the key's role.
type KeyCheck func(ctx context.Context, key, clientIP string) error

// formOverhead is what an upload's form may carry beyond its file: the other fields, part headers, boundaries.
const formOverhead = 256 << 10

// bodyGuard makes a request with a body cost nothing before its key is known, and little after: the key is
// checked from the headers first (401, or 429 for an address that sent too many bad keys, without reading a
// byte), then the body is bounded on every route whatever its Content-Type says (64 KiB of JSON by default;
// an upload's form at most its file's limit plus formOverhead, which bounds its part headers too) and must
// keep arriving (deadlineBody).
type bodyGuard struct {
	cfg      Config
	clientIP func(*http.Request) string
	next     http.Handler
}

func newBodyGuard(cfg Config, next http.Handler) *bodyGuard {
	return &bodyGuard{cfg: cfg, clientIP: api.HTTPClientIP(cfg.TrustedProxies), next: next}
}

func (g *bodyGuard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Body == nil || r.Body == http.NoBody {
		g.next.ServeHTTP(w, r)
		return
	}
	if g.cfg.CheckKey != nil && r.URL.Path != healthPath {
		if err := g.cfg.CheckKey(r.Context(), strings.TrimSpace(r.Header.Get("X-Api-Key")), g.clientIP(r)); err != nil {
			g.refuse(w, r, err)
			return
		}
	}
	r.Body = newDeadlineBody(w, r.Body, g.cfg.BodyGrace, g.cfg.MinBodyRate)
	if _, upload := uploadRoutes[r.URL.Path]; upload && r.Method == http.MethodPost {
		limit := g.cfg.MaxUploadFile + formOverhead
		if r.ContentLength > limit {
			WriteError(w, http.StatusRequestEntityTooLarge, imagecheck.ErrTooLarge.Error())
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		g.next.ServeHTTP(w, r)
		return
	}
	g.limitJSON(w, r)
}

// limitJSON refuses bodies larger than MaxJSONBody with 413 before the gateway decodes them. Bodies are read
// whole (they are small), so a chunked body without Content-Length is limited too.
func (g *bodyGuard) limitJSON(w http.ResponseWriter, r *http.Request) {
	max := g.cfg.MaxJSONBody
	if r.ContentLength > max {
		WriteError(w, http.StatusRequestEntityTooLarge, tooLarge(max))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	if err != nil {
		WriteError(w, http.StatusBadRequest, "Could not read the request body.")
		return
	}
	if int64(len(body)) > max {
		WriteError(w, http.StatusRequestEntityTooLarge, tooLarge(max))
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	g.next.ServeHTTP(w, r)
}

// refuse answers a failed key check with the guide's body (and Retry-After for a blocked address).
func (g *bodyGuard) refuse(w http.ResponseWriter, r *http.Request, err error) {
	log := g.cfg.Log
	if log == nil {
		log = slog.Default()
	}
	if t, ok := auth.AsThrottled(err); ok {
		w.Header().Set("Retry-After", strconv.FormatInt(t.RetryAfterSeconds(), 10))
	}
	st := status.Convert(api.ToStatus(r.Context(), log, r.URL.Path, err))
	// The body is not read: the connection cannot be reused for another request.
	w.Header().Set("Connection", "close")
	WriteError(w, HTTPStatus(st), st.Message())
}
