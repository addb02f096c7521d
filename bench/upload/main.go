// Command upload measures 5 MB document uploads through the real server, over gRPC streaming (the generated
// stub, 64 KiB chunks) and REST multipart, against a direct minio-go PutObject of the same bytes to the same S3
// server, and the server's peak memory with 50 concurrent uploads. Run: make bench-upload.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/minio/minio-go/v7"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/experimental"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/metadata"

	"github.com/enxtai/kyc/bench/internal/benchenv"
	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/images"
)

func main() {
	n := flag.Int("n", 20, "uploads per path")
	conc := flag.Int("concurrency", 50, "concurrent uploads for the memory figure")
	flag.Parse()
	env, err := benchenv.Start(benchenv.Options{Env: []string{"KYC_WORKERS=false"}})
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	data := images.JPEGOfSize(5 << 20)
	ctx := metadata.AppendToOutgoingContext(context.Background(), "x-api-key", env.Key)
	conn, err := grpc.NewClient(env.GRPCAddr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		experimental.WithBufferPool(mem.NewTieredBufferPool(256, 4<<10, 16<<10, 32<<10, 64<<10+1<<10, 1<<20)))
	if err != nil {
		log.Fatal(err)
	}
	client := kycv1.NewKycServiceClient(conn)
	users := make([]string, *conc)
	for i := range users {
		users[i] = fmt.Sprintf("bench-%d", i)
		if _, err := client.InitiateKyc(ctx, &kycv1.InitiateKycRequest{ExternalUserId: users[i]}); err != nil {
			log.Fatal(err)
		}
	}
	s3c, err := env.S3.Client()
	if err != nil {
		log.Fatal(err)
	}
	direct := func(i int) error {
		_, err := s3c.PutObject(context.Background(), env.Bucket, fmt.Sprintf("direct/%d.jpg", i), bytes.NewReader(data),
			int64(len(data)), minio.PutObjectOptions{ContentType: "image/jpeg"})
		return err
	}
	viaGRPC := func(i int) error { return uploadGRPC(ctx, client, users[i%len(users)], data, false) }
	viaGRPCSized := func(i int) error { return uploadGRPC(ctx, client, users[i%len(users)], data, true) }
	form, ctype := multipartBody(data)
	viaREST := func(i int) error { return uploadREST(env.BaseURL, env.Key, users[i%len(users)], form, ctype) }

	fmt.Printf("# 5 MiB uploads, %d each, one at a time, the paths taking turns; server RSS at start %.0f MiB; %s\n", *n, env.RSS(), time.Now().UTC().Format("2006-01-02"))
	fmt.Printf("%-34s %10s %10s %8s\n", "path", "median ms", "MB/s", "ratio")
	paths := []struct {
		name string
		fn   func(int) error
	}{{"direct minio-go PutObject", direct}, {"gRPC UploadDocument (stream)", viaGRPC},
		{"gRPC UploadDocument, sizeBytes set", viaGRPCSized}, {"REST multipart upload", viaREST}}
	fns := make([]func(int) error, len(paths))
	for i, p := range paths {
		fns[i] = p.fn
	}
	base := 0.0
	for i, med := range measure(*n, fns) {
		mbps := float64(len(data)) / 1e6 / med.Seconds()
		if base == 0 {
			base = mbps
		}
		fmt.Printf("%-34s %10.1f %10.1f %8.2f\n", paths[i].name, float64(med.Microseconds())/1000, mbps, mbps/base)
	}

	before := env.RSS()
	var wg sync.WaitGroup
	start := time.Now()
	errs := make(chan error, *conc)
	for i := 0; i < *conc; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn := viaREST
			if i%2 == 0 {
				fn = viaGRPC
			}
			errs <- fn(i)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("\n%d concurrent 5 MiB uploads (half gRPC, half REST): %.1f s, server RSS %.0f MiB before, peak (VmHWM) %.0f MiB\n",
		*conc, time.Since(start).Seconds(), before, env.PeakRSS())
}

// measure runs n rounds of one upload per path, the paths taking turns so that a machine slowing down or
// speeding up during the run weighs on all of them alike, and returns each path's median.
func measure(n int, fns []func(int) error) []time.Duration {
	for _, fn := range fns {
		if err := fn(-1 + n); err != nil { // warm-up
			log.Fatal(err)
		}
	}
	ds := make([][]time.Duration, len(fns))
	for i := range n {
		for j, fn := range fns {
			t := time.Now()
			if err := fn(i); err != nil {
				log.Fatal(err)
			}
			ds[j] = append(ds[j], time.Since(t))
		}
	}
	meds := make([]time.Duration, len(fns))
	for j, d := range ds {
		sort.Slice(d, func(a, b int) bool { return d[a] < d[b] })
		meds[j] = d[n/2]
	}
	return meds
}

func uploadGRPC(ctx context.Context, c kycv1.KycServiceClient, user string, data []byte, declare bool) error {
	s, err := c.UploadDocument(ctx)
	if err != nil {
		return err
	}
	meta := &kycv1.UploadMetadata{DocumentType: kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD,
		Target: &kycv1.UploadMetadata_ExternalUserId{ExternalUserId: user}, ContentType: "image/jpeg", FileName: "pan.jpg"}
	if declare {
		meta.SizeBytes = int64(len(data))
	}
	if err := s.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: meta}}); err != nil {
		return err
	}
	for off := 0; off < len(data); off += 64 << 10 {
		chunk := data[off:min(off+64<<10, len(data))]
		if err := s.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: chunk}}); err != nil {
			break
		}
	}
	_, err = s.CloseAndRecv()
	return err
}

// multipartBody is the form the guide's clients send, with a placeholder user filled in per request.
func multipartBody(data []byte) (func(user string) []byte, string) {
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	boundary := mw.Boundary()
	return func(user string) []byte {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		_ = w.SetBoundary(boundary)
		_ = w.WriteField("externalUserId", user)
		f, _ := w.CreateFormFile("file", "pan.jpg")
		_, _ = f.Write(data)
		_ = w.Close()
		return b.Bytes()
	}, mw.FormDataContentType()
}

func uploadREST(base, key, user string, form func(string) []byte, ctype string) error {
	req, _ := http.NewRequest("POST", base+"/v1/kyc/upload/pan", bytes.NewReader(form(user)))
	req.Header.Set("X-API-Key", key)
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return fmt.Errorf("REST upload: %d %s", resp.StatusCode, body)
	}
	return nil
}
