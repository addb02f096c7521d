// Command webhook-receiver accepts EnxtAI KYC webhooks, checks their signatures with the Go SDK and prints the
// events. Give the endpoint and secret to the API (PUT /api/v1/webhooks); receivers must answer within 10 s.
//
//	WEBHOOK_SECRET=... go run ./examples/webhook-receiver -addr 127.0.0.1:8000
package main

import (
	"errors"
	"flag"
	"io"
	"log"
	"net/http"
	"os"

	kyc "github.com/enxtai/kyc/clients/go"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8000", "where to listen")
	flag.Parse()
	secret := os.Getenv("WEBHOOK_SECRET")
	if secret == "" {
		log.Fatal("set WEBHOOK_SECRET")
	}
	http.HandleFunc("POST /webhooks/kyc", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20)) // verify the raw bytes, never a re-encoding
		if err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		ev, err := kyc.VerifyWebhook(r.Header, body, secret)
		if errors.Is(err, kyc.ErrWebhookSignature) {
			log.Printf("refused a delivery: %v", err)
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		} else if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		// Deliveries are at-least-once: use ev.ID to ignore one you have already handled.
		switch ev.Event {
		case "kyc.verification_completed":
			log.Printf("KYC completed for user %s: %s", ev.Data.ExternalUserID, ev.Data.Status)
		case "kyc.status_changed":
			log.Printf("KYC status of %s changed to %s", ev.Data.ExternalUserID, ev.Data.Status)
		default:
			log.Printf("%s for session %s (%s)", ev.Event, ev.Data.KycSessionID, ev.Data.Status)
		}
		w.WriteHeader(http.StatusOK)
	})
	log.Printf("listening on http://%s/webhooks/kyc", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
