// Command bench-sdk-go measures a 5 MB upload through the Go SDK (kyc.Client.UploadLivePhoto) against the raw
// generated stub (kycv1.KycServiceClient.UploadDocument with hand-made 64 KiB chunks), alternating the two, and
// prints the median MB/s of each and their ratio. Run it under testenv: make bench-sdk.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	kyc "github.com/enxtai/kyc/clients/go"
	"github.com/enxtai/kyc/clients/go/kycv1"
)

func main() {
	n := flag.Int("n", 10, "uploads per variant")
	flag.Parse()
	addr, key := os.Getenv("KYC_GRPC_ADDR"), os.Getenv("ENXTAI_API_KEY")
	file := filepath.Join(os.Getenv("KYC_TEST_DOCS"), "big.jpg")
	st, err := os.Stat(file)
	if err != nil || addr == "" {
		log.Fatalf("run under testenv (make bench-sdk): %v", err)
	}
	ctx := context.Background()
	client, err := kyc.New(addr, kyc.WithAPIKey(key))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	raw := kycv1.NewKycServiceClient(conn)
	user := fmt.Sprintf("bench-go-%d", time.Now().UnixNano())
	if _, err := client.Initiate(ctx, kyc.InitiateParams{ExternalUserID: user}); err != nil {
		log.Fatal(err)
	}
	variants := []struct {
		name string
		run  func() error
	}{
		{"raw stub", func() error { return rawUpload(ctx, raw, key, user, file) }},
		{"wrapper", func() error { _, err := client.UploadLivePhoto(ctx, user, kyc.File(file)); return err }},
	}
	times := make([][]time.Duration, len(variants))
	cpu := make([]time.Duration, len(variants)) // this process's CPU: the client's cost, whatever the server's load
	for i := 0; i < *n+1; i++ {                 // the first round warms up and is not counted
		for k := range variants {
			v := k
			if i%2 == 1 { // alternate who goes first
				v = len(variants) - 1 - k
			}
			variant := variants[v]
			start, c0 := time.Now(), cpuTime()
			if err := variant.run(); err != nil {
				log.Fatalf("%s: %v", variant.name, err)
			}
			if i > 0 {
				times[v] = append(times[v], time.Since(start))
				cpu[v] += cpuTime() - c0
			}
		}
	}
	mbps := func(ts []time.Duration) float64 {
		sort.Slice(ts, func(a, b int) bool { return ts[a] < ts[b] })
		return float64(st.Size()) / 1e6 / ts[len(ts)/2].Seconds()
	}
	rawMB, wrapMB := mbps(times[0]), mbps(times[1])
	best := func(ts []time.Duration) float64 { return float64(st.Size()) / 1e6 / ts[0].Seconds() } // sorted by mbps
	fmt.Printf("go          median: raw %5.1f MB/s, wrapper %5.1f MB/s, ratio %.2f   best: raw %5.1f, wrapper %5.1f, ratio %.2f   client CPU/upload: raw %5.1f ms, wrapper %5.1f ms\n",
		rawMB, wrapMB, wrapMB/rawMB, best(times[0]), best(times[1]), best(times[1])/best(times[0]), ms(cpu[0], *n), ms(cpu[1], *n))
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration, n int) float64 { return float64(d) / float64(n) / 1e6 }

// rawUpload is what a user of the generated stub alone would write, declaring the size as the wrapper does
// (so both take the same server path and the difference is the wrapper's own cost).
func rawUpload(ctx context.Context, stub kycv1.KycServiceClient, key, user, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	stream, err := stub.UploadDocument(metadata.AppendToOutgoingContext(ctx, "x-api-key", key))
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	meta := &kycv1.UploadMetadata{DocumentType: kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO,
		Target: &kycv1.UploadMetadata_ExternalUserId{ExternalUserId: user}, ContentType: "image/jpeg",
		SizeBytes: st.Size()}
	if err := stream.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: meta}}); err != nil {
		return err
	}
	buf := make([]byte, 64*1024)
	for {
		n, err := io.ReadFull(f, buf)
		if n > 0 {
			if err := stream.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: buf[:n]}}); err != nil {
				return err
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return err
		}
	}
	_, err = stream.CloseAndRecv()
	return err
}
