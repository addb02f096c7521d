// Command complete-integration is the API guide's "Complete Integration" flow with the Go SDK: initiate a
// session, upload the four documents over gRPC, and wait for the decision.
//
//	ENXTAI_API_KEY=... go run ./examples/complete-integration -addr 127.0.0.1:9090 -docs ./documents
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"path/filepath"
	"time"

	kyc "github.com/enxtai/kyc/clients/go"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:9090", "the API's gRPC address")
	docs := flag.String("docs", "./documents", "folder with pan.jpg, aadhaar-front.jpg, aadhaar-back.jpg, live-photo.jpg")
	user := flag.String("user", "customer-12345", "your end user's id")
	timeout := flag.Duration("timeout", 5*time.Minute, "how long to wait for the decision")
	flag.Parse()

	client, err := kyc.New(*addr) // the API key comes from ENXTAI_API_KEY
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()

	session, err := client.Initiate(ctx, kyc.InitiateParams{ExternalUserID: *user,
		Email: "john@example.com", Phone: "+919876543210"})
	if err != nil {
		log.Fatalf("initiate: %v", err)
	}
	fmt.Println("KYC session created:", session.GetKycSessionId())

	doc := func(name string) kyc.Source { return kyc.File(filepath.Join(*docs, name)) }
	if _, err := client.UploadPAN(ctx, *user, doc("pan.jpg")); err != nil {
		log.Fatalf("PAN: %v", err)
	}
	fmt.Println("PAN uploaded")
	if _, err := client.UploadAadhaarFront(ctx, *user, doc("aadhaar-front.jpg")); err != nil {
		log.Fatalf("Aadhaar front: %v", err)
	}
	fmt.Println("Aadhaar front uploaded")
	if _, err := client.UploadAadhaarBack(ctx, *user, doc("aadhaar-back.jpg")); err != nil {
		log.Fatalf("Aadhaar back: %v", err)
	}
	fmt.Println("Aadhaar back uploaded")
	if _, err := client.UploadLivePhoto(ctx, *user, doc("live-photo.jpg")); err != nil {
		log.Fatalf("live photo: %v", err)
	}
	fmt.Println("Live photo uploaded - verification started")

	final, err := client.WaitForDecision(ctx, session.GetKycSessionId(), *timeout)
	if err != nil {
		log.Fatalf("KYC failed: %v", err)
	}
	fmt.Printf("Final status: %s (%d%%)\n", final.GetStatus(), final.GetProgress())
}
