package api

import (
	"net"
	"net/http"
	"strings"
)

// HTTPClientIP returns how the client address of an HTTP request is found, the same way the chain finds it
// for the calls the gateway makes (requestInfo): the connection's address, or behind trusted proxies the
// rightmost X-Forwarded-For entry that is not one of them. The gateway needs it before any call is made (to
// count failed authentications of requests whose body is not read), and the reviewer console for its audit
// entries and sign-in failures.
func HTTPClientIP(trustedProxies []net.IPNet) func(*http.Request) string {
	a := newClientAddr(trustedProxies)
	return func(r *http.Request) string {
		remote, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			remote = r.RemoteAddr
		}
		var hops []string
		for _, v := range r.Header.Values("X-Forwarded-For") {
			for h := range strings.SplitSeq(v, ",") {
				hops = append(hops, strings.TrimSpace(h))
			}
		}
		return a.of(remote, hops)
	}
}
