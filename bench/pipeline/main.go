// Command pipeline measures the verification pipeline of a real server: the latency from the live-photo upload
// to the decision (one session at a time), the sustained rate with concurrent sessions, and the delay from the
// decision to the webhook's arrival at a local endpoint. Run: make bench-pipeline.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/experimental"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/metadata"

	"github.com/enxtai/kyc/bench/internal/benchenv"
	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
	"github.com/enxtai/kyc/internal/testkit/kycdocs"
)

func main() {
	n := flag.Int("n", 20, "sessions measured one at a time")
	conc := flag.Int("concurrency", 4, "sessions in flight for the sustained rate")
	dur := flag.Duration("duration", 60*time.Second, "how long the sustained run lasts")
	flag.Parse()
	env, err := benchenv.Start(benchenv.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	hooks := newReceiver()
	defer hooks.Close()
	put(env, "/v1/webhooks", `{"url":"`+hooks.URL+`"}`)

	dir, _ := os.MkdirTemp("", "bench-docs-")
	defer os.RemoveAll(dir)
	sets := make([]kycdocs.Set, 8)
	for i := range sets {
		if sets[i], err = kycdocs.Write(filepath.Join(dir, fmt.Sprint(i)), int64(i), "bona.jpg", "bona2.jpg"); err != nil {
			log.Fatal(err)
		}
	}
	conn, err := grpc.NewClient(env.GRPCAddr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		experimental.WithBufferPool(mem.NewTieredBufferPool(256, 4<<10, 16<<10, 32<<10, 64<<10+1<<10, 1<<20)))
	if err != nil {
		log.Fatal(err)
	}
	b := &bench{c: kycv1.NewKycServiceClient(conn), ctx: metadata.AppendToOutgoingContext(context.Background(), "x-api-key", env.Key)}

	warm, _ := b.session(sets[0], "warmup") // engines warm up
	hooks.waitDecision(warm)
	time.Sleep(time.Second) // PostgreSQL publishes its statistics with a delay
	before, err := readUsage(env)
	if err != nil {
		log.Fatal(err)
	}
	var lat, hookLat []time.Duration
	for i := 0; i < *n; i++ {
		id, d := b.session(sets[i%len(sets)], fmt.Sprintf("seq-%d", i))
		lat = append(lat, d)
		hookLat = append(hookLat, hooks.waitDecision(id))
	}
	fmt.Printf("# %s, %d cores; live-photo upload -> decision, one session at a time (n=%d)\n", time.Now().UTC().Format("2006-01-02"), nproc(), *n)
	fmt.Printf("upload->decision   p50 %6.0f ms   p95 %6.0f ms\n", ms(pct(lat, 50)), ms(pct(lat, 95)))
	fmt.Printf("decision->webhook  p50 %6.0f ms   p95 %6.0f ms\n", ms(pct(hookLat, 50)), ms(pct(hookLat, 95)))
	time.Sleep(time.Second)
	after, err := readUsage(env)
	if err != nil {
		log.Fatal(err)
	}
	// Each session: initiate, watch, four uploads (the webhook setup happened before).
	printCapacity(before, after, *n, *n*6)

	var done atomic.Int64
	var wg sync.WaitGroup
	stop := time.Now().Add(*dur)
	var mu sync.Mutex
	var concLat []time.Duration
	for w := 0; w < *conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(stop); i++ {
				_, d := b.session(sets[(w+i)%len(sets)], fmt.Sprintf("c%d-%d", w, i))
				done.Add(1)
				mu.Lock()
				concLat = append(concLat, d)
				mu.Unlock()
			}
		}()
	}
	start := time.Now()
	wg.Wait()
	perMin := float64(done.Load()) / time.Since(start).Minutes()
	fmt.Printf("sustained, %d in flight for %v: %.0f sessions/min (upload->decision p50 %.0f ms, p95 %.0f ms); server peak RSS %.0f MiB\n",
		*conc, *dur, perMin, ms(pct(concLat, 50)), ms(pct(concLat, 95)), env.PeakRSS())
}

type bench struct {
	c   kycv1.KycServiceClient
	ctx context.Context
}

// session initiates, uploads the three cards, then times the live photo's upload to the decision. The watch
// stream is closed once the decision is seen: the server allows 100 streams per connection
// (KYC_GRPC_MAX_STREAMS), and a run of 100 sessions that left theirs open waited forever for the 101st.
func (b *bench) session(s kycdocs.Set, user string) (string, time.Duration) {
	r, err := b.c.InitiateKyc(b.ctx, &kycv1.InitiateKycRequest{ExternalUserId: user})
	if err != nil {
		log.Fatal(err)
	}
	id := r.GetKycSessionId()
	wctx, stop := context.WithCancel(b.ctx)
	defer stop()
	watch, err := b.c.WatchKycStatus(wctx, &kycv1.WatchKycStatusRequest{KycSessionId: id})
	if err != nil {
		log.Fatal(err)
	}
	b.upload(user, kycv1.DocumentType_DOCUMENT_TYPE_PAN_CARD, s.PAN)
	b.upload(user, kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_FRONT, s.AadhaarFront)
	b.upload(user, kycv1.DocumentType_DOCUMENT_TYPE_AADHAAR_BACK, s.AadhaarBack)
	start := time.Now()
	b.upload(user, kycv1.DocumentType_DOCUMENT_TYPE_LIVE_PHOTO, s.LivePhoto)
	for {
		msg, err := watch.Recv()
		if err != nil {
			log.Fatal(err)
		}
		switch msg.GetSession().GetStatus() {
		case kycv1.KycStatus_FACE_VERIFIED, kycv1.KycStatus_PENDING_REVIEW:
			return id, time.Since(start)
		}
	}
}

func (b *bench) upload(user string, doc kycv1.DocumentType, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	s, err := b.c.UploadDocument(b.ctx)
	if err != nil {
		log.Fatal(err)
	}
	meta := &kycv1.UploadMetadata{DocumentType: doc, Target: &kycv1.UploadMetadata_ExternalUserId{ExternalUserId: user},
		SizeBytes: int64(len(data))}
	_ = s.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Metadata{Metadata: meta}})
	for off := 0; off < len(data); off += 64 << 10 {
		_ = s.Send(&kycv1.UploadDocumentRequest{Payload: &kycv1.UploadDocumentRequest_Chunk{Chunk: data[off:min(off+64<<10, len(data))]}})
	}
	if _, err := s.CloseAndRecv(); err != nil {
		log.Fatal(err)
	}
}

// receiver records when each verification_completed event arrives, and how long after its timestamp.
type receiver struct {
	*httptest.Server
	mu      sync.Mutex
	arrived map[string]time.Duration
	cond    *sync.Cond
}

func newReceiver() *receiver {
	r := &receiver{arrived: map[string]time.Duration{}}
	r.cond = sync.NewCond(&r.mu)
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		now := time.Now()
		body, _ := io.ReadAll(req.Body)
		var p struct {
			Event     string    `json:"event"`
			Timestamp time.Time `json:"timestamp"`
			Data      struct {
				ID string `json:"kycSessionId"`
			} `json:"data"`
		}
		if json.Unmarshal(body, &p) == nil && p.Event == "kyc.verification_completed" {
			r.mu.Lock()
			r.arrived[p.Data.ID] = now.Sub(p.Timestamp)
			r.cond.Broadcast()
			r.mu.Unlock()
		}
	}))
	return r
}

func (r *receiver) waitDecision(id string) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		if d, ok := r.arrived[id]; ok {
			return d
		}
		r.cond.Wait()
	}
}

func put(env *benchenv.Env, path, body string) {
	req, _ := http.NewRequest("PUT", env.BaseURL+path, strings.NewReader(body))
	req.Header.Set("X-API-Key", env.Key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		log.Fatalf("PUT %s: %v %v", path, err, resp)
	}
	resp.Body.Close()
}

func pct(ds []time.Duration, p int) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func nproc() int {
	b, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(b), "processor\t:")
}
