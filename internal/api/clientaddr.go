package api

import (
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/realclientip/realclientip-go"
)

// clientAddr finds the address a call came from, for the audit log. Without trusted proxies it is the
// connection's address. Behind reverse proxies (KYC_TRUSTED_PROXIES) a connection from one of them carries the
// client's address in X-Forwarded-For: the rightmost entry that is not itself a trusted proxy is the client
// (entries left of it were written by whoever sent the request and could say anything).
type clientAddr struct {
	proxies []net.IPNet
	fromXFF realclientip.Strategy // nil without trusted proxies
}

func newClientAddr(trustedProxies []net.IPNet) clientAddr {
	if len(trustedProxies) == 0 {
		return clientAddr{}
	}
	strat, err := realclientip.NewRightmostTrustedRangeStrategy("X-Forwarded-For", trustedProxies)
	if err != nil { // only for a header name other than X-Forwarded-For or Forwarded
		panic(err)
	}
	return clientAddr{proxies: trustedProxies, fromXFF: strat}
}

// of returns the client's address given the connection's (remote) and the X-Forwarded-For values the request
// arrived with (forwarded, oldest hop first).
func (c clientAddr) of(remote string, forwarded []string) string {
	if c.fromXFF == nil || len(forwarded) == 0 || !c.trusted(remote) {
		return remote
	}
	if ip := c.fromXFF.ClientIP(http.Header{"X-Forwarded-For": {strings.Join(forwarded, ",")}}, ""); ip != "" {
		return ip
	}
	return remote // every hop was a trusted proxy
}

func (c clientAddr) trusted(addr string) bool {
	ip := net.ParseIP(addr)
	return ip != nil && slices.ContainsFunc(c.proxies, func(n net.IPNet) bool { return n.Contains(ip) })
}
