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
