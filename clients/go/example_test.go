package kyc_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"time"

	kyc "github.com/enxtai/kyc/clients/go"
)

// The guide's complete integration: initiate, four uploads, wait for the decision.
func Example() {
	client, err := kyc.New("127.0.0.1:9090") // API key from ENXTAI_API_KEY
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	session, err := client.Initiate(ctx, kyc.InitiateParams{ExternalUserID: "customer-12345"})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.UploadPAN(ctx, "customer-12345", kyc.File("documents/pan.jpg")); err != nil {
		log.Fatal(err)
	}
	// ... UploadAadhaarFront, UploadAadhaarBack, UploadLivePhoto the same way.
	final, err := client.WaitForDecision(ctx, session.GetKycSessionId(), 5*time.Minute)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(final.GetStatus())
}

// Errors are *kyc.Error values: match them with errors.Is, or read the code, message and retry-after.
func ExampleError() {
	client, err := kyc.New("127.0.0.1:9090", kyc.WithAPIKey(os.Getenv("ENXTAI_API_KEY")))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.GetStatus(context.Background(), "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", kyc.WithTimeout(5*time.Second))
	var kerr *kyc.Error
	switch {
	case errors.Is(err, kyc.ErrNotFound):
		fmt.Println("no such session")
	case errors.As(err, &kerr):
		fmt.Println(kerr.Code, kerr.HTTPStatus(), kerr.Message, kerr.RetryAfter)
	}
}

// A webhook handler: verify the raw body before trusting it.
func ExampleVerifyWebhook() {
	secret := os.Getenv("WEBHOOK_SECRET")
	http.HandleFunc("POST /webhooks/kyc", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ev, err := kyc.VerifyWebhook(r.Header, body, secret)
		if err != nil {
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
		fmt.Println(ev.Event, ev.Data.KycSessionID, ev.Data.Status)
	})
}

// Uploads take a file path, bytes, or any reader; a seekable one can be retried after a dropped connection.
func ExampleClient_Upload() {
	client, _ := kyc.New("127.0.0.1:9090")
	f, _ := os.Open("documents/live-photo.jpg")
	defer f.Close()
	resp, err := client.UploadLivePhoto(context.Background(), "customer-12345", kyc.Reader(f, "live-photo.jpg"))
	fmt.Println(resp.GetDocumentUrl(), err)
}
