package webhook

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// NewSecret returns a signing secret in the Standard Webhooks form: "whsec_" and 32 random bytes in base64.
func NewSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return "whsec_" + base64.StdEncoding.EncodeToString(b[:])
}

// Sign sets the signature headers of a delivery:
//   - X-Signature: lowercase hex HMAC-SHA256 of the raw body, keyed with the secret string as is (the guide);
//   - webhook-id, webhook-timestamp, webhook-signature ("v1,<base64>" over "id.timestamp.body"): Standard
//     Webhooks, so receivers can refuse replays by the timestamp. Its key is the secret as the Standard Webhooks
//     libraries read it (without "whsec_", base64-decoded), or the secret's raw bytes when it is not base64.
func Sign(h http.Header, secret, id string, at time.Time, body []byte) error {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	h.Set("X-Signature", hex.EncodeToString(mac.Sum(nil)))
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		if wh, err = standardwebhooks.NewWebhookRaw([]byte(secret)); err != nil {
			return err
		}
	}
	sig, err := wh.Sign(id, at, body)
	if err != nil {
		return err
	}
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", strconv.FormatInt(at.Unix(), 10))
	h.Set("webhook-signature", sig)
	return nil
}
