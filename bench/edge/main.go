// Command edge measures what unauthenticated callers cost a real kyc-server (issue 18's probes): big bodies
// without a key, slow file-first uploads without a key, huge part headers, and a flood of invalid keys. It
// prints, per probe, the answers, the bytes the clients got to send and the server's resident memory.
//
//	go run ./bench/edge
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/enxtai/kyc/bench/internal/benchenv"
)

func main() {
	invalid := flag.Int("invalid", 2000, "requests with an invalid key in the flood probe")
	flag.Parse()
	env, err := benchenv.Start(benchenv.Options{Env: []string{"KYC_WORKERS=false"}})
	if err != nil {
		log.Fatal(err)
	}
	defer env.Close()
	fmt.Printf("server RSS at start: %.0f MB\n", env.RSS())

	form := "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pan.jpg\"\r\n\r\n"
	probe(env, "3 x 200 MB JSON body, multipart Content-Type, no key", 3, func() (int, int64) {
		return post(env.BaseURL+"/v1/kyc/initiate", "multipart/form-data; boundary=b", `{"externalUserId":"`, 200<<20, 0, "")
	})
	probe(env, "30 x 5 MB upload, file first, no key, 500 kB/s", 30, func() (int, int64) {
		return post(env.BaseURL+"/v1/kyc/upload/pan", "multipart/form-data; boundary=b", form, 5<<20, 500_000, "")
	})
	probe(env, "20 x upload with a 10 MiB part header, no key", 20, func() (int, int64) {
		head := "--b\r\nX-Pad: "
		return post(env.BaseURL+"/v1/kyc/upload/pan", "multipart/form-data; boundary=b", head, 10<<20, 0, "")
	})
	probe(env, "20 x upload with a 10 MiB part header, valid key", 20, func() (int, int64) {
		head := "--b\r\nX-Pad: "
		return post(env.BaseURL+"/v1/kyc/upload/pan", "multipart/form-data; boundary=b", head, 10<<20, 0, env.Key)
	})
	codes := map[int]int{}
	start := time.Now()
	for range *invalid {
		code, _ := post(env.BaseURL+"/v1/kyc/status/00000000-0000-0000-0000-000000000001", "", "", 0, 0, "kyc_live_invalid")
		codes[code]++
	}
	fmt.Printf("%d requests with an invalid key from one address: %v in %.1f s\n", *invalid, codes, time.Since(start).Seconds())
	fmt.Printf("server peak RSS (VmHWM) over all probes: %.0f MB\n", env.PeakRSS())
}

// probe runs n calls at once and prints their answers, the most bytes a client sent, the slowest answer and
// the server's RSS after them.
func probe(env *benchenv.Env, name string, n int, call func() (int, int64)) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	var maxSent int64
	start := time.Now()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, sent := call()
			mu.Lock()
			codes[code]++
			maxSent = max(maxSent, sent)
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Printf("%s: answers %v, at most %.1f MB sent per client, all answered in %.1f s, server RSS %.0f MB\n",
		name, codes, float64(maxSent)/(1<<20), time.Since(start).Seconds(), env.RSS())
}

// post sends head and then size bytes of 'a' (at rate bytes/s when > 0) and returns the status (0: no answer)
// and how many bytes the client got to send.
func post(url, contentType, head string, size, rate int64, key string) (int, int64) {
	body := &paced{head: strings.NewReader(head), left: size, rate: rate, start: time.Now()}
	method := "POST"
	var r io.Reader = body
	if size == 0 && head == "" {
		method, r = "GET", nil
	}
	req, _ := http.NewRequest(method, url, r)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if key != "" {
		req.Header.Set("X-API-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, body.sent.Load()
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, body.sent.Load()
}

type paced struct {
	head  io.Reader
	left  int64
	rate  int64
	start time.Time
	sent  atomic.Int64
}

func (p *paced) Read(b []byte) (int, error) {
	if n, _ := p.head.Read(b); n > 0 {
		p.sent.Add(int64(n))
		return n, nil
	}
	if p.left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(b)), p.left, 32<<10)
	if p.rate > 0 { // wait until these bytes are due
		due := p.start.Add(time.Duration(float64(p.sent.Load()+n) / float64(p.rate) * float64(time.Second)))
		time.Sleep(time.Until(due))
	}
	for i := range b[:n] {
		b[i] = 'a'
	}
	p.left -= n
	p.sent.Add(n)
	return int(n), nil
}
