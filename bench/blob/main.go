// Command blob measures the storage half of an upload against a real S3 server (a versitygw it starts, or
// KYC_TEST_S3_ENDPOINT): a direct minio-go PutObject of 5 MB versus the platform's path (imagecheck tee +
// envelope encryption into a spool + PutObject with known size), in MB/s, and the peak RSS of this process while
// 50 such uploads run at once. Results and the command are recorded in bench/blob.md.
//
//	go run ./bench/blob -n 30 -concurrency 50
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"time"

	"github.com/enxtai/kyc/internal/blob"
	"github.com/enxtai/kyc/internal/testkit/s3test"
)

func main() {
	n := flag.Int("n", 30, "sequential 5 MB uploads per path")
	conc := flag.Int("concurrency", 50, "concurrent uploads for the memory figure")
	size := flag.Int("size", 5*1024*1024, "upload size in bytes")
	sized := flag.Bool("mem-sized", false, "memory figure for Vault.PutSized instead of the spool path")
	flag.Parse()
	if err := run(*n, *conc, *size, *sized); err != nil {
		log.Fatal(err)
	}
}

func run(n, conc, size int, sized bool) error {
	srv, err := s3test.StartServer()
	if err != nil {
		return err
	}
	defer srv.Stop()
	ctx := context.Background()
	store, err := blob.NewS3Store(ctx, blob.S3Config{Endpoint: srv.Endpoint, AccessKey: srv.AccessKey,
		SecretKey: srv.SecretKey, Bucket: "bench-blob", Region: srv.Region, MaxRetries: 2})
	if err != nil {
		return err
	}
	vault, err := newVault(store)
	if err != nil {
		return err
	}
	img, err := paddedPNG(size)
	if err != nil {
		return err
	}
	fmt.Printf("# blob bench: %d x %.1f MiB, GOMAXPROCS=%d, %s, S3 %s (versitygw pid %d)\n",
		n, float64(size)/(1<<20), runtime.GOMAXPROCS(0), time.Now().UTC().Format(time.RFC3339), srv.Endpoint, srv.PID())
	fmt.Printf("# load average at start: %s\n", loadavg())

	paths := []path{
		{"direct minio-go PutObject", func(i int) error { return directPut(ctx, store, i, img) }},
		{"envelope+spool+Put (Vault.Put)", func(i int) error { return vaultPut(ctx, vault, i, img, false) }},
		{"imagecheck tee + envelope+spool+Put", func(i int) error { return vaultPut(ctx, vault, i, img, true) }},
		{"imagecheck.Reader + Vault.PutSized (declared size, no spool)", func(i int) error { return putSized(ctx, vault, i, img, false) }},
		{"imagecheck.Reader + Vault.PutExpected (guessed size, spool tee)", func(i int) error { return putSized(ctx, vault, i, img, true) }},
	}
	if n > 0 {
		results, err := measure(paths, n, size)
		if err != nil {
			return err
		}
		base := results[0].median
		fmt.Printf("\n| path | median MB/s | mean MB/s | ratio to direct (median) |\n|---|---|---|---|\n")
		for _, r := range results {
			fmt.Printf("| %s | %.1f | %.1f | %.2f |\n", r.name, r.median, r.mean, r.median/base)
		}
	}

	upload, label := func(i int) error { return vaultPut(ctx, vault, i, img, true) }, "imagecheck tee + envelope + spool + Put"
	if sized {
		upload, label = func(i int) error { return putSized(ctx, vault, i, img, false) }, "imagecheck.Reader + Vault.PutSized"
	}
	peak, err := concurrent(upload, conc)
	if err != nil {
		return err
	}
	fmt.Printf("\n%d concurrent %.1f MiB uploads (%s, 64 KiB chunks):\n", conc, float64(size)/(1<<20), label)
	fmt.Printf("  wall time %.2fs, aggregate %.1f MB/s\n", peak.wall.Seconds(), float64(conc*size)/1e6/peak.wall.Seconds())
	fmt.Printf("  this process: peak RSS (sampled) %.1f MiB, VmHWM %.1f MiB, RSS before %.1f MiB\n",
		mib(peak.sampled), mib(peak.hwm), mib(peak.before))
	fmt.Printf("  versitygw: VmHWM %.1f MiB\n", mib(procKB(srv.PID(), "VmHWM")*1024))
	fmt.Printf("# load average at end: %s\n", loadavg())
	return nil
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return string(b[:len(b)-1])
}
