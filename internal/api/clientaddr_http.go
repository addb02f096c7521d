package api

import (
	"net"
	"net/http"
	"strings"
)

// HTTPClientAddr returns the function that finds the client's address of a plain HTTP request (the reviewer
// console) by the same rule as the API's calls: the connection's address, or behind trusted proxies the
// rightmost X-Forwarded-For entry that is not one of them.
func HTTPClientAddr(trustedProxies []net.IPNet) func(*http.Request) string {
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
