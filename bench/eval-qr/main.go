// Command eval-qr measures the Aadhaar Secure QR reader (internal/aadhaarqr)
// on synthetic cards: for N people it renders an Aadhaar back carrying a
// signed V2 Secure QR (internal/testkit/cardkit, 3 px modules, a JPEG2000
// photo), degrades it per variant, encodes it as an upload (JPEG q90), and
// reads it back: find + decode + parse + verify + photo. It prints the decode
// rate per variant (a card counts when its signature is VALID and its name
// matches), the QR version and module size, the CPU time per card, the cost
// of a side without any QR, and the photo decode time with the cgo binding
// and with the opj_decompress command.
//
//	go run ./bench/eval-qr -n 100 -seed 1
//
// CPU times are the process's user+system time around each call, so they
// include the garbage collector; run it alone on a quiet core for stable figures.
package main

import (
	"context"
	"flag"
	"fmt"
	"image"
	"os"
	"strings"
	"time"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "eval-qr:", err)
		os.Exit(1)
	}
}

func run() error {
	n := flag.Int("n", 100, "people (cards per variant)")
	seed := flag.Int64("seed", 1, "card kit seed")
	variants := flag.String("variants", strings.Join(variantNames(), ","), "comma-separated variants")
	cli := flag.Bool("cli", true, "also time the opj_decompress command on each photo")
	flag.Parse()
	signer, err := cardkit.QRTestSigner()
	if err != nil {
		return err
	}
	ts, err := aadhaarqr.NewTrustStore(signer.Cert)
	if err != nil {
		return err
	}
	rd := aadhaarqr.NewWithTrust(ts)
	var vs []variant
	for _, name := range strings.Split(*variants, ",") {
		v, ok := variantByName(strings.TrimSpace(name))
		if !ok {
			return fmt.Errorf("unknown variant %q (known: %s)", name, strings.Join(variantNames(), ", "))
		}
		vs = append(vs, v)
	}
	stats := make([]*variantStats, len(vs))
	for i := range stats {
		stats[i] = &variantStats{}
	}
	var noQR, photoCgo, photoCLI samples
	for i := range *n {
		s := cardkit.NewSample(*seed, i)
		back, err := cardkit.RenderAadhaarBackQR(s.Person, cardkit.QROptions{})
		if err != nil {
			return err
		}
		for k, v := range vs {
			img := upload(v.make(s, back, cardkit.NewRand(*seed*1000+int64(i))))
			stats[k].add(rd, img, s.Person)
		}
		// A side without a QR (a plain front) is what every card without one costs.
		front := upload(cardkit.RenderAadhaarFront(s.Person, nil))
		noQR.add(measure(func() { _, _ = rd.ReadImage(context.Background(), front) }))
		res := rd.ReadText(mustText(s.Person))
		if res.Payload == nil || len(res.Payload.Photo) == 0 {
			return fmt.Errorf("card %d: no photo in the payload", i)
		}
		photoCgo.add(measure(func() { _, _ = aadhaarqr.DecodePhoto(res.Payload.Photo) }))
		if *cli {
			c, err := decodeCLI(res.Payload.Photo)
			if err != nil {
				return err
			}
			photoCLI.add(c)
		}
	}
	report(os.Stdout, *n, *seed, vs, stats, noQR, photoCgo, photoCLI)
	return nil
}

func mustText(p cardkit.Person) string {
	t, err := cardkit.SecureQRText(p, cardkit.QROptions{})
	if err != nil {
		panic(err)
	}
	return t
}

type variantStats struct {
	ok, total    int
	cost         samples
	module       []float64
	versions     map[int]int
	passes       map[string]int
	failFindings map[string]int
}

func (st *variantStats) add(rd *aadhaarqr.Reader, img image.Image, p cardkit.Person) {
	var res aadhaarqr.Result
	st.cost.add(measure(func() { res, _ = rd.ReadImage(context.Background(), img) }))
	st.total++
	if st.versions == nil {
		st.versions, st.passes, st.failFindings = map[int]int{}, map[string]int{}, map[string]int{}
	}
	if res.Signature() == aadhaarqr.SignatureValid && res.Payload.Name == p.Name && res.Photo != nil {
		st.ok++
		st.module = append(st.module, res.Symbol.ModuleSize)
		st.versions[res.Symbol.Version]++
		st.passes[res.Symbol.Pass]++
		return
	}
	why := string(res.Signature())
	if len(res.Findings) > 0 {
		why = string(res.Findings[0])
	}
	if why == "" {
		why = "no QR found"
	}
	st.failFindings[why]++
}

// cost is the CPU (user+system) and wall time of one call.
type cost struct{ cpu, wall time.Duration }

func measure(f func()) cost {
	c0 := cpuTime()
	w0 := time.Now()
	f()
	return cost{cpu: cpuTime() - c0, wall: time.Since(w0)}
}
