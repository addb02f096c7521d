// Command outline measures the card outline search (ocr.FindCard) on the kit's
// photographed cards, apart from OCR: it renders each card as eval-ocr does
// (cardkit's photographed variant, then a JPEG upload at quality 90), runs
// FindCard, and compares the quad found with the card's true corners, which
// the kit returns. Per family it prints the cards found, the largest corner
// error per card in photo pixels (p50, p90, max, and how many cards are off by
// more than 2% and 5% of the card's width), and the rectified aspect's error
// against the aspect the true corners would give.
//
//	go run ./bench/outline -seeds 7,8,9,10 -n 40           # tuned families
//	go run ./bench/outline -seeds 11 -n 40 -families all   # held-out families reported apart
//
// Rendering dominates the run: -cache DIR keeps the uploads (JPEG and corners)
// so that a second run only decodes them.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/enxtai/kyc/internal/ocr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

type card struct {
	doc    cardkit.Doc
	family string
	seed   int64
	i      int
}

type result struct {
	card
	found    bool
	quad     ocr.Quad
	err      float64 // largest corner error, photo pixels
	cardW    float64 // the true quad's mean top/bottom width
	aspect   float64 // Rectify's aspect (w/h) of the quad found
	trueAsp  float64 // Rectify's aspect of the true quad
	elapsed  time.Duration
	worstIdx int
}

func main() {
	seeds := flag.String("seeds", "7,8,9,10", "comma-separated kit seeds")
	n := flag.Int("n", 40, "cards per family and seed")
	fams := flag.String("families", "tuned", "tuned, all, held-out, or comma-separated families")
	cache := flag.String("cache", "", "directory keeping rendered uploads between runs")
	list := flag.Float64("list", 0, "list cards whose corner error exceeds this share of the card width (e.g. 0.02)")
	draw := flag.String("draw", "", "with -list: draw each listed card's photo with the true (green) and found (red) corners into this directory")
	flag.Parse()
	var ss []int64
	for _, f := range strings.Split(*seeds, ",") {
		s, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil {
			log.Fatalf("seed %q: %v", f, err)
		}
		ss = append(ss, s)
	}
	var cards []card
	for _, doc := range cardkit.Docs {
		for _, fam := range cardkit.Families(doc) {
			if !pick(*fams, fam) {
				continue
			}
			for _, s := range ss {
				for i := range *n {
					cards = append(cards, card{doc, fam, s, i})
				}
			}
		}
	}
	var results []result
	for k, c := range cards {
		img, corners, err := load(c, *cache)
		if err != nil {
			log.Fatal(err)
		}
		r := measure(c, img, corners)
		results = append(results, r)
		if *draw != "" && *list > 0 && (!r.found || r.err > *list*r.cardW) {
			if err := drawCard(*draw, r, img, corners); err != nil {
				log.Fatal(err)
			}
		}
		if (k+1)%200 == 0 {
			fmt.Fprintf(os.Stderr, "outline: %d/%d cards\n", k+1, len(cards))
		}
	}
	report(results, *list)
}

func pick(spec, fam string) bool {
	switch spec {
	case "all":
		return true
	case "tuned":
		return !cardkit.HeldOut[fam]
	case "held-out":
		return cardkit.HeldOut[fam]
	}
	return slices.Contains(strings.Split(spec, ","), fam)
}

// load renders card c and uploads it (JPEG at quality 90, eval-ocr's
// default), or reads both from the cache.
func load(c card, cache string) (image.Image, [4][2]float64, error) {
	var corners [4][2]float64
	name := fmt.Sprintf("s%d-%s-%s-%03d", c.seed, c.doc, c.family, c.i)
	if cache != "" {
		data, err := os.ReadFile(filepath.Join(cache, name+".jpg"))
		meta, err2 := os.ReadFile(filepath.Join(cache, name+".json"))
		if err == nil && err2 == nil && json.Unmarshal(meta, &corners) == nil {
			img, err := jpeg.Decode(bytes.NewReader(data))
			return img, corners, err
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, corners, err
		}
	}
	img, corners := cardkit.SampleIn(c.seed, c.i, c.doc, c.family).RenderPhotographed(c.doc, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		return nil, corners, err
	}
	if cache != "" {
		meta, _ := json.Marshal(corners)
		if err := os.MkdirAll(cache, 0o755); err != nil {
			return nil, corners, err
		}
		if err := os.WriteFile(filepath.Join(cache, name+".jpg"), buf.Bytes(), 0o644); err != nil {
			return nil, corners, err
		}
		if err := os.WriteFile(filepath.Join(cache, name+".json"), meta, 0o644); err != nil {
			return nil, corners, err
		}
	}
	up, err := jpeg.Decode(&buf)
	return up, corners, err
}

func measure(c card, img image.Image, corners [4][2]float64) result {
	g := ocr.Gray(img)
	t0 := time.Now()
	q, ok := ocr.FindCard(g)
	r := result{card: c, found: ok, quad: q, elapsed: time.Since(t0)}
	w, h := sides(corners)
	r.cardW, r.trueAsp = w, w/h
	if !ok {
		return r
	}
	var fq [4][2]float64
	for i, p := range q {
		// FindCard's points are pixel indices; a corner at index x lies
		// at x..x+1, so its centre is compared.
		fq[i] = [2]float64{float64(p.X) + 0.5, float64(p.Y) + 0.5}
		if d := math.Hypot(fq[i][0]-corners[i][0], fq[i][1]-corners[i][1]); d > r.err {
			r.err, r.worstIdx = d, i
		}
	}
	fw, fh := sides(fq)
	r.aspect = fw / fh
	return r
}

// sides are Rectify's mean width and height of a quad.
func sides(q [4][2]float64) (w, h float64) {
	d := func(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }
	return (d(q[0], q[1]) + d(q[3], q[2])) / 2, (d(q[0], q[3]) + d(q[1], q[2])) / 2
}

func report(results []result, list float64) {
	var tuned, held []result
	for _, r := range results {
		if cardkit.HeldOut[r.family] {
			held = append(held, r)
		} else {
			tuned = append(tuned, r)
		}
	}
	header := "| family | doc | cards | found | corner err p50 px | p90 | max | > 2% width | > 5% width | aspect err p50 | max | FindCard ms p50 | p99 |"
	for _, part := range []struct {
		title string
		rs    []result
	}{{"tuned families", tuned}, {"held-out families", held}} {
		if len(part.rs) == 0 {
			continue
		}
		fmt.Printf("## %s\n\n%s\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n", part.title, header)
		groups := map[string][]result{}
		var keys []string
		for _, r := range part.rs {
			k := string(r.doc) + " " + r.family
			if _, ok := groups[k]; !ok {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], r)
		}
		for _, k := range keys {
			row(groups[k][0].family, string(groups[k][0].doc), groups[k])
		}
		row("**all**", "", part.rs)
		fmt.Println()
	}
	if list > 0 {
		fmt.Println("cards off by more than", list*100, "% of the card width or not found:")
		for _, r := range results {
			if !r.found || r.err > list*r.cardW {
				fmt.Printf("  seed %d %s %s %d: found %v, err %.1f px (corner %d), aspect %.3f (true %.3f)\n",
					r.seed, r.doc, r.family, r.i, r.found, r.err, r.worstIdx, r.aspect, r.trueAsp)
			}
		}
	}
}

func row(fam, doc string, rs []result) {
	var errs, asp, ms []float64
	over2, over5 := 0, 0
	for _, r := range rs {
		ms = append(ms, float64(r.elapsed.Microseconds())/1000)
		if !r.found {
			continue
		}
		errs = append(errs, r.err)
		asp = append(asp, math.Abs(r.aspect/r.trueAsp-1))
		if r.err > 0.02*r.cardW {
			over2++
		}
		if r.err > 0.05*r.cardW {
			over5++
		}
	}
	fmt.Printf("| %s | %s | %d | %d | %.1f | %.1f | %.1f | %d | %d | %.1f%% | %.1f%% | %.1f | %.1f |\n", fam, doc, len(rs), len(errs),
		quantile(errs, 0.5), quantile(errs, 0.9), quantile(errs, 1), over2, over5,
		100*quantile(asp, 0.5), 100*quantile(asp, 1), quantile(ms, 0.5), quantile(ms, 0.99))
}

func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s)-1)+0.5))]
}

// drawCard writes the photo in gray with the true corners' crosses in green
// and the found ones in red.
func drawCard(dir string, r result, img image.Image, corners [4][2]float64) error {
	g := ocr.Gray(img)
	out := image.NewRGBA(g.Rect)
	for i, v := range g.Pix {
		out.Pix[4*i], out.Pix[4*i+1], out.Pix[4*i+2], out.Pix[4*i+3] = v, v, v, 255
	}
	cross := func(x, y int, c color.RGBA) {
		for d := -12; d <= 12; d++ {
			for t := -1; t <= 1; t++ {
				out.Set(x+d, y+t, c)
				out.Set(x+t, y+d, c)
			}
		}
	}
	for i := range 4 {
		cross(int(corners[i][0]), int(corners[i][1]), color.RGBA{0, 220, 0, 255})
		if r.found {
			cross(r.quad[i].X, r.quad[i].Y, color.RGBA{230, 0, 0, 255})
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("s%d-%s-%s-%03d.png", r.seed, r.doc, r.family, r.i)))
	if err != nil {
		return err
	}
	defer f.Close()
	return png.Encode(f, out)
}
