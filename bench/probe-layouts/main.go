// Command probe-layouts reads cards drawn by a second generator, unlike the kit on purpose: its own layouts
// (labels beside their values, above them, none), card widths from 640 to 1800 px, inks, paper tints, the
// Aadhaar number labelled, run together or masked with hyphens, and, with -fonts unseen, Debian typefaces the
// kit never draws with (serif, condensed, display, monospaced); with -bilingual, -bands and -qr, a share of cards
// print Hindi beside the English (labels "नाम / Name", the header, a Hindi name line, the Hindi address block, the
// slogan), their header in white on a coloured band, or a QR code beside the text, each drawn from a random stream
// of its own so that a seed's layouts stay what they were. The people are the kit's (cardkit.NewPerson) and
// the defects its variants (cardkit.Degrade). It asks the question a new user's own generator asked in issue 16:
// does reading lean on where the kit puts things?
//
//	go run ./bench/probe-layouts -n 30 -seed 1 -fonts unseen -bilingual 0.5 -bands 0.3 -qr 0.4 -variants clean,blur
//
// It prints, per variant, the exact rate of each key field and of whole cards, and with -misses every miss.
// The layouts were looked at while fixing what they showed (bench/ocr.md, round 11), so they are a tuned probe
// now, not a held-out family: a change that breaks them breaks something general.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/ocr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
	"golang.org/x/image/font/opentype"
)

var widths = []int{640, 1011, 1300, 1800}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "probe-layouts:", err)
		os.Exit(1)
	}
}

type options struct {
	n         int
	seed      uint64
	variants  []cardkit.Variant
	faces     []typeface
	maskShare float64
	bilingual float64
	bands     float64
	qr        float64
	misses    bool
	save      string
}

func run() error {
	var o options
	var variants, fonts string
	flag.IntVar(&o.n, "n", 30, "people per variant (each gives a PAN, an Aadhaar front and a back)")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of people, layouts and defects")
	flag.StringVar(&variants, "variants", "clean,photographed,blur,rotate,small", "kit variants to apply")
	flag.StringVar(&fonts, "fonts", "unseen", "typefaces: kit (the kit's four) or unseen (seven it never uses)")
	flag.Float64Var(&o.maskShare, "mask", 0.25, "share of Aadhaar cards printing the masked number")
	flag.Float64Var(&o.bilingual, "bilingual", 0, "share of cards printing Hindi beside English (labels, header, name, address, slogan)")
	flag.Float64Var(&o.bands, "bands", 0, "share of cards printing their header in white on a coloured band")
	flag.Float64Var(&o.qr, "qr", 0, "share of cards printing a QR code beside their text")
	flag.BoolVar(&o.misses, "misses", false, "print every miss")
	flag.StringVar(&o.save, "save", "", "directory to write every card to as uploaded (JPEG, the bytes read), to look at")
	budget := flag.Duration("budget", time.Minute, "wall time per card after which no pass starts (the reader's default is for a quiet server)")
	flag.Parse()
	for _, s := range strings.Split(variants, ",") {
		v, err := cardkit.ParseVariant(s)
		if err != nil {
			return err
		}
		o.variants = append(o.variants, v)
	}
	switch fonts {
	case "kit":
		o.faces = kitFaces
	case "unseen":
		o.faces = unseenFaces
	default:
		return fmt.Errorf("-fonts %q: want kit or unseen", fonts)
	}
	cfg := ocr.DefaultConfig()
	cfg.Workers = 1
	eng, err := ocr.New(cfg)
	if err != nil {
		return err
	}
	defer eng.Close()
	rcfg := reader.DefaultConfig()
	rcfg.Budget = *budget
	rd, err := reader.New(eng, rcfg)
	if err != nil {
		return err
	}
	p := prober{rd: rd, o: o, fonts: &fontCache{dir: cardkit.FontDir, fonts: map[string]*opentype.Font{}}}
	fmt.Printf("probe-layouts: n=%d per variant, seed=%d, fonts=%s, masked share %.2f, bilingual %.2f, bands %.2f, QR %.2f\n\n",
		o.n, o.seed, fonts, o.maskShare, o.bilingual, o.bands, o.qr)
	for _, v := range o.variants {
		t, err := p.variant(context.Background(), v)
		if err != nil {
			return err
		}
		t.print(v)
	}
	return nil
}
