package webhook

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestGuardCheckURL(t *testing.T) {
	prod, _ := NewGuard("", true, time.Second)
	dev, _ := NewGuard("127.0.0.1,10.1.0.0/16,hooks.internal", false, time.Second)
	cases := []struct {
		g    *Guard
		url  string
		want bool
	}{
		{prod, "https://example.com/hook", true},
		{prod, "http://example.com/hook", false},
		{prod, "ftp://example.com/hook", false},
		{prod, "https://user:pw@example.com/hook", false},
		{prod, "https://127.0.0.1/hook", false},
		{prod, "https://[::1]/hook", false},
		{prod, "https://10.0.0.5/hook", false},
		{prod, "https://192.168.1.1/hook", false},
		{prod, "https://172.16.3.4/hook", false},
		{prod, "https://169.254.169.254/latest/meta-data", false},
		{prod, "https://100.64.1.1/hook", false},
		{prod, "https://0.0.0.0/hook", false},
		{prod, "https://[::ffff:127.0.0.1]/hook", false},
		{prod, "https://[fe80::1]/hook", false},
		{prod, "https://[fd00::1]/hook", false},
		// Ranges that are global unicast to netip but reach no public host or an internal one through a
		// translator (NAT64, 6to4, Teredo, IPv4-compatible), or are reserved.
		{prod, "https://[64:ff9b::7f00:1]/hook", false},
		{prod, "https://[64:ff9b::a9fe:a9fe]/hook", false},
		{prod, "https://[64:ff9b:1::a00:5]/hook", false},
		{prod, "https://[::7f00:1]/hook", false},
		{prod, "https://[::a00:5]/hook", false},
		{prod, "https://[2002:7f00:1::1]/hook", false},
		{prod, "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook", false},
		{prod, "https://[fec0::1]/hook", false},
		{prod, "https://192.0.0.8/hook", false},
		{prod, "https://198.18.0.1/hook", false},
		{prod, "https://198.19.255.254/hook", false},
		{prod, "https://240.0.0.1/hook", false},
		{prod, "https://255.255.255.255/hook", false},
		{prod, "https://[64:ff9c::1]/hook", true}, // just past the NAT64 prefix
		{prod, "https://198.20.0.1/hook", true},
		{prod, "https://192.0.1.1/hook", true},
		{prod, "https://[2001:db9::1]/hook", true},
		{prod, "https://[2a00:1450:4001::200e]/hook", true},
		{prod, "not a url", false},
		{prod, "/relative", false},
		{dev, "http://127.0.0.1:8080/hook", true},
		{dev, "http://10.1.2.3/hook", true},
		{dev, "http://10.2.2.3/hook", false},
		{dev, "http://hooks.internal/x", true},
		{dev, "http://169.254.169.254/", false},
	}
	for _, c := range cases {
		_, err := c.g.CheckURL(c.url)
		if (err == nil) != c.want {
			t.Errorf("CheckURL(%q) = %v, want allowed=%v", c.url, err, c.want)
		}
		if err != nil && !errors.Is(err, ErrForbiddenURL) {
			t.Errorf("CheckURL(%q) error %v is not ErrForbiddenURL", c.url, err)
		}
	}
}

// TestGuardChecksDialledAddress: a name that resolves to loopback ("localhost") is refused when dialled,
// unless allowed; redirects are not followed.
func TestGuardChecksDialledAddress(t *testing.T) {
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/", http.StatusFound)
	}))
	defer redirect.Close()
	port := redirect.URL[strings.LastIndex(redirect.URL, ":"):]

	strict, _ := NewGuard("", false, time.Second)
	u, err := strict.CheckURL("http://localhost" + port + "/")
	if err != nil {
		t.Fatal(err) // a name passes the static check...
	}
	if _, err := strict.Client(u).Get(u.String()); !errors.Is(err, ErrForbiddenURL) {
		t.Fatalf("dial of localhost: %v, want ErrForbiddenURL", err) // ...and is refused when dialled
	}

	allowed, _ := NewGuard("127.0.0.1", false, time.Second)
	u, _ = allowed.CheckURL(redirect.URL)
	resp, err := allowed.Client(u).Get(u.String())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("redirect was followed: %d", resp.StatusCode)
	}
}
