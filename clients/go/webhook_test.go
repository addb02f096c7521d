package kyc_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"testing"
	"time"

	kyc "github.com/enxtai/kyc/clients/go"
)

type webhookVectors struct {
	Now   int64 `json:"now"`
	Cases []struct {
		Name            string            `json:"name"`
		Secret          string            `json:"secret"`
		Headers         map[string]string `json:"headers"`
		Body            string            `json:"body"`
		OK              bool              `json:"ok"`
		RequireStandard bool              `json:"requireStandard"`
	} `json:"cases"`
}

// The vectors are signed by an independent Python script and shared with the Python and TypeScript SDKs.
func TestVerifyWebhookVectors(t *testing.T) {
	raw, err := os.ReadFile("../testdata/webhook-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v webhookVectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Cases) < 10 {
		t.Fatalf("only %d vectors", len(v.Cases))
	}
	now := time.Unix(v.Now, 0)
	for _, c := range v.Cases {
		t.Run(c.Name, func(t *testing.T) {
			h := http.Header{}
			for k, val := range c.Headers {
				h.Set(k, val)
			}
			opts := []kyc.WebhookOption{kyc.WithClock(func() time.Time { return now })}
			if c.RequireStandard {
				opts = append(opts, kyc.RequireStandardWebhooks())
			}
			ev, err := kyc.VerifyWebhook(h, []byte(c.Body), c.Secret, opts...)
			if c.OK {
				if err != nil {
					t.Fatalf("want verified, got %v", err)
				}
				if ev.ID == "" || ev.Event != "kyc.verification_completed" || ev.Data.Status != "FACE_VERIFIED" ||
					ev.Data.VerificationScores == nil || *ev.Data.VerificationScores.FaceMatchScore != 0.87 {
					t.Fatalf("parsed event %+v", ev)
				}
				return
			}
			if !errors.Is(err, kyc.ErrWebhookSignature) {
				t.Fatalf("want ErrWebhookSignature, got %v (event %+v)", err, ev)
			}
		})
	}
}

func TestStandardWebhooksKey(t *testing.T) {
	for _, c := range []struct{ secret, want string }{
		{"whsec_aGVsbG8=", "hello"},
		{"aGVsbG8=", "hello"},
		{"not-base64-secret!", "not-base64-secret!"},
		{"whsec_###", "whsec_###"},
	} {
		if got := string(kyc.StandardWebhooksKey(c.secret)); got != c.want {
			t.Errorf("StandardWebhooksKey(%q) = %q, want %q", c.secret, got, c.want)
		}
	}
}
