package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Guard keeps webhook deliveries away from the platform's own network (server-side request forgery): no
// loopback, private, link-local (cloud metadata), CGNAT, multicast, unspecified, reserved or translated (NAT64,
// 6to4, Teredo, IPv4-compatible) addresses, checked on the
// address actually dialled (so DNS rebinding cannot slip through), no redirects, https only in production.
// An allow-list of hosts or CIDRs opens exceptions (tests and local runs allow 127.0.0.1).
type Guard struct {
	requireHTTPS bool
	hosts        map[string]bool
	nets         []netip.Prefix
	strict       *http.Client // for hosts not allowed by name: every dialled address is checked
	open         *http.Client // for hosts allowed by name
}

// ErrForbiddenURL is wrapped by every refusal of an endpoint.
var ErrForbiddenURL = errors.New("webhook URL not allowed")

// NewGuard parses the allow-list ("host,10.0.0.0/8,127.0.0.1") and builds the delivery clients.
func NewGuard(allowList string, requireHTTPS bool, timeout time.Duration) (*Guard, error) {
	g := &Guard{requireHTTPS: requireHTTPS, hosts: map[string]bool{}}
	for _, item := range strings.Split(allowList, ",") {
		item = strings.ToLower(strings.TrimSpace(item))
		switch {
		case item == "":
		case strings.Contains(item, "/"):
			p, err := netip.ParsePrefix(item)
			if err != nil {
				return nil, fmt.Errorf("webhook allow-list: %q: %w", item, err)
			}
			g.nets = append(g.nets, p.Masked())
		default:
			if a, err := netip.ParseAddr(item); err == nil {
				g.nets = append(g.nets, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			} else {
				g.hosts[item] = true
			}
		}
	}
	g.strict = g.client(timeout, true)
	g.open = g.client(timeout, false)
	return g, nil
}

// CheckURL refuses endpoints that can never be delivered to: bad scheme, credentials in the URL, blocked
// address literals. Names are checked again on every dial.
func (g *Guard) CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%w: not an absolute URL", ErrForbiddenURL)
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return nil, fmt.Errorf("%w: scheme must be https", ErrForbiddenURL)
	case u.Scheme == "http" && g.requireHTTPS:
		return nil, fmt.Errorf("%w: scheme must be https", ErrForbiddenURL)
	case u.User != nil:
		return nil, fmt.Errorf("%w: credentials in the URL are not allowed", ErrForbiddenURL)
	case u.Fragment != "":
		return nil, fmt.Errorf("%w: fragments are not allowed", ErrForbiddenURL)
	}
	if a, err := netip.ParseAddr(u.Hostname()); err == nil && !g.allowedAddr(a) {
		return nil, fmt.Errorf("%w: %s is a private, loopback or link-local address", ErrForbiddenURL, a)
	}
	return u, nil
}

// Client returns the HTTP client for an endpoint: redirects are never followed.
func (g *Guard) Client(u *url.URL) *http.Client {
	if g.hosts[strings.ToLower(u.Hostname())] {
		return g.open
	}
	return g.strict
}

func (g *Guard) client(timeout time.Duration, checkAddrs bool) *http.Client {
	d := &net.Dialer{Timeout: timeout}
	if checkAddrs {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: %s", ErrForbiddenURL, address)
			}
			if !g.allowedAddr(ap.Addr()) {
				return fmt.Errorf("%w: %s resolves to a private, loopback or link-local address", ErrForbiddenURL, ap.Addr())
			}
			return nil
		}
	}
	t := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us, past the check
		DialContext:           func(ctx context.Context, n, a string) (net.Conn, error) { return d.DialContext(ctx, n, a) },
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{
		Transport:     t,
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// allowedAddr: public unicast addresses, or what the allow-list names.
func (g *Guard) allowedAddr(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range g.nets {
		if p.Contains(a) {
			return true
		}
	}
	if !a.IsGlobalUnicast() || a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() {
		return false
	}
	for _, p := range blocked {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// blocked are ranges that netip calls global unicast but that reach no public host, or reach an internal one
// through a translator: an IPv6 address embedding 127.0.0.1 or 10.0.0.5 is dialled as that address by a NAT64
// gateway, a 6to4 or Teredo relay, or an old stack that still honours IPv4-compatible addresses.
var blocked = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"100.64.0.0/10",  // carrier-grade NAT (RFC 6598)
		"192.0.0.0/24",   // IETF protocol assignments (RFC 6890)
		"198.18.0.0/15",  // benchmarking (RFC 2544), used inside some clouds
		"240.0.0.0/4",    // reserved (and 255.255.255.255)
		"::/96",          // IPv4-compatible IPv6 (deprecated, RFC 4291)
		"64:ff9b::/96",   // NAT64 well-known prefix (RFC 6052)
		"64:ff9b:1::/48", // NAT64 local-use prefix (RFC 8215)
		"2002::/16",      // 6to4 (RFC 3056)
		"2001::/32",      // Teredo (RFC 4380)
		"fec0::/10",      // site-local (deprecated, RFC 3879)
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()
