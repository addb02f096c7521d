package webhook

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/enxtai/kyc/internal/blob/envelope"
	"github.com/enxtai/kyc/internal/store"
)

func testSender(t *testing.T, allow string) (*Sender, func(url string) store.WebhookConfig) {
	t.Helper()
	k := envelope.Key{ID: "test"}
	_, _ = rand.Read(k.Secret[:])
	kr, err := envelope.NewKeyring(k)
	if err != nil {
		t.Fatal(err)
	}
	g, err := NewGuard(allow, false, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSender(g, kr)
	clientID := uuid.New()
	sealed, err := s.SealSecret(clientID, "whsec_test")
	if err != nil {
		t.Fatal(err)
	}
	return s, func(url string) store.WebhookConfig {
		return store.WebhookConfig{ClientID: clientID, URL: url, SecretEnc: sealed}
	}
}

// TestSendErrorsRevealNoInternals: what a client sees of a failed delivery (POST /v1/webhooks/test, the
// delivery log) names neither the address its host resolved to nor more than a short, printable excerpt of the
// endpoint's answer.
func TestSendErrorsRevealNoInternals(t *testing.T) {
	leaky := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte("<html>\n<pre>panic: db at 10.0.3.7:5432 password=hunter2\n\x00\x1b[31m" +
			strings.Repeat("stack frame\n", 200) + "</pre></html>"))
	}))
	defer leaky.Close()
	port := leaky.URL[strings.LastIndex(leaky.URL, ":"):]

	t.Run("a name resolving to loopback", func(t *testing.T) {
		s, cfg := testSender(t, "")
		r := s.Send(context.Background(), cfg("http://localhost"+port+"/hook"), uuid.New(), EventStatusChanged, []byte(`{}`))
		if r.Err == nil {
			t.Fatal("delivered to loopback")
		}
		for _, leak := range []string{"127.0.0.1", "::1", "dial", port[1:]} {
			if strings.Contains(r.Err.Error(), leak) {
				t.Errorf("error %q reveals %q", r.Err, leak)
			}
		}
	})
	t.Run("a refused connection", func(t *testing.T) {
		l := httptest.NewServer(http.NotFoundHandler())
		url := l.URL
		l.Close() // nothing listens there now
		s, cfg := testSender(t, "127.0.0.1")
		r := s.Send(context.Background(), cfg(url+"/hook"), uuid.New(), EventStatusChanged, []byte(`{}`))
		if r.Err == nil || strings.Contains(r.Err.Error(), "127.0.0.1") || strings.Contains(r.Err.Error(), "connect") {
			t.Errorf("error %v: want a plain sentence without the address", r.Err)
		}
	})
	t.Run("a 500 with a long body", func(t *testing.T) {
		s, cfg := testSender(t, "127.0.0.1")
		r := s.Send(context.Background(), cfg(leaky.URL+"/hook"), uuid.New(), EventStatusChanged, []byte(`{}`))
		if r.StatusCode != 500 || r.Err == nil {
			t.Fatalf("result %+v", r)
		}
		msg := r.Err.Error()
		if !strings.HasPrefix(msg, "endpoint answered 500: ") || len([]rune(msg)) > len("endpoint answered 500: ")+excerptLen+1 {
			t.Errorf("error %q: want the code and at most %d characters of the body", msg, excerptLen)
		}
		if strings.ContainsAny(msg, "<>\n\x00\x1b") || strings.Contains(msg, "stack frame stack frame stack frame stack") {
			t.Errorf("error %q is not sanitised", msg)
		}
	})
}

func TestExcerpt(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"  Not Found \n":         "Not Found",
		"<h1>Bad\tGateway</h1>":  "h1Bad Gateway/h1",
		"a\x00b\x1bc\xffd":       "abcd",
		strings.Repeat("x", 100): strings.Repeat("x", excerptLen) + "…",
	} {
		if got := excerpt([]byte(in)); got != want {
			t.Errorf("excerpt(%q) = %q, want %q", in, got, want)
		}
	}
}
