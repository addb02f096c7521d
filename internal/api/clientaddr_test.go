package api

import (
	"testing"

	"github.com/realclientip/realclientip-go"
)

func TestClientAddr(t *testing.T) {
	proxies, err := realclientip.AddressesAndRangesToIPNets("10.0.0.0/8", "192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	behind, direct := newClientAddr(proxies), newClientAddr(nil)
	tests := []struct {
		name      string
		a         clientAddr
		remote    string
		forwarded []string
		want      string
	}{
		{"no proxies: the connection", direct, "198.51.100.4", []string{"203.0.113.9"}, "198.51.100.4"},
		{"untrusted connection: its X-Forwarded-For is not believed", behind, "198.51.100.4", []string{"203.0.113.9"}, "198.51.100.4"},
		{"through a proxy", behind, "10.1.2.3", []string{"203.0.113.9"}, "203.0.113.9"},
		{"through two proxies", behind, "10.1.2.3", []string{"203.0.113.9", "192.0.2.7"}, "203.0.113.9"},
		{"a forged entry left of the client is ignored", behind, "10.1.2.3", []string{"1.2.3.4", "203.0.113.9"}, "203.0.113.9"},
		{"only proxies: the connection", behind, "10.1.2.3", []string{"10.9.9.9"}, "10.1.2.3"},
		{"nothing forwarded", behind, "10.1.2.3", nil, "10.1.2.3"},
		{"an invalid entry where the client should be: the connection", behind, "10.1.2.3", []string{"203.0.113.9", "not-an-ip"}, "10.1.2.3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.of(tc.remote, tc.forwarded); got != tc.want {
				t.Errorf("of(%q, %q) = %q, want %q", tc.remote, tc.forwarded, got, tc.want)
			}
		})
	}
}
