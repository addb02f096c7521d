package webhook

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"unicode"
)

// SendError is a failed delivery as the client may see it (the test endpoint's answer, the delivery log): what
// went wrong in words that reveal nothing of the platform's network (no resolved address, no dial error) and at
// most a short, printable excerpt of the endpoint's answer. The cause stays for the logs: slog shows both.
type SendError struct {
	Public string
	Cause  error
}

func (e *SendError) Error() string { return e.Public }
func (e *SendError) Unwrap() error { return e.Cause }

// LogValue shows the cause to operators (slog resolves it whenever the error is logged).
func (e *SendError) LogValue() slog.Value {
	if e.Cause == nil {
		return slog.StringValue(e.Public)
	}
	return slog.StringValue(e.Public + " (" + e.Cause.Error() + ")")
}

// excerptLen bounds how much of a non-2xx answer's body is shown.
const excerptLen = 64

// publicError words a failed request for the client.
func publicError(err error) error {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var recErr tls.RecordHeaderError
	var netErr net.Error
	msg := "The endpoint could not be reached."
	switch {
	case errors.Is(err, ErrForbiddenURL):
		msg = "The endpoint is not allowed: it resolves to a private, loopback, link-local or reserved address."
	case errors.Is(err, context.Canceled):
		msg = "The request was cancelled."
	case errors.As(err, &dnsErr):
		msg = "The endpoint's host name could not be resolved."
	case errors.As(err, &certErr), errors.As(err, &recErr), strings.Contains(err.Error(), "tls:"):
		msg = "The TLS handshake with the endpoint failed."
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		msg = "The endpoint did not answer in time."
	}
	return &SendError{Public: msg, Cause: err}
}

// statusError words a non-2xx answer: its code and a short excerpt of its body, printable characters only.
func statusError(code int, body []byte) error {
	ex := excerpt(body)
	msg := fmt.Sprintf("endpoint answered %d", code)
	if ex != "" {
		msg += ": " + ex
	}
	return &SendError{Public: msg, Cause: fmt.Errorf("endpoint answered %d: %q", code, body)}
}

// excerpt keeps the first excerptLen printable characters of body, with runs of white space made one space.
func excerpt(body []byte) string {
	var b strings.Builder
	n, space := 0, false
	for _, r := range string(body) {
		if n >= excerptLen {
			b.WriteString("…")
			break
		}
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == unicode.ReplacementChar || !unicode.IsPrint(r) || r == '<' || r == '>':
			continue // markup and control characters are dropped: the excerpt is shown in consoles
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
