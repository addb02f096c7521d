package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

type prober struct {
	rd    *reader.Reader
	o     options
	fonts *fontCache
}

// docs in report order, and the key fields each is checked on (eval-ocr's, the targets).
var docs = []struct {
	name   string
	fields []string
}{
	{"pan", []string{"pan", "name", "dob"}},
	{"front", []string{"last4", "name", "dob"}},
	{"back", []string{"last4", "pin"}},
}

// tally counts exact fields and whole cards per document.
type tally struct {
	exact, cards, whole map[string]int
	misses              []string
}

func (p prober) variant(ctx context.Context, v cardkit.Variant) (tally, error) {
	t := tally{exact: map[string]int{}, cards: map[string]int{}, whole: map[string]int{}}
	for i := range p.o.n {
		person := cardkit.NewPerson(cardkit.NewRand(int64(p.o.seed)*100_000 + int64(i)))
		for di, d := range docs {
			// The layout stream depends on the card, not the variant: each variant degrades the same cards.
			r := rand.New(rand.NewPCG(p.o.seed, uint64(i*len(docs)+di))) //nolint:gosec // test data
			img, st, err := p.draw(r, d.name, person, p.dress(uint64(i*len(docs)+di)))
			if err != nil {
				return t, err
			}
			jpg, err := upload(cardkit.Degrade(img, v, rand.New(rand.NewPCG(p.o.seed^0x5eed, uint64(i*len(docs)+di)))))
			if err != nil {
				return t, err
			}
			if p.o.save != "" { // the upload's bytes: decoded again, they give the very pixels read here
				if err := os.WriteFile(filepath.Join(p.o.save, fmt.Sprintf("%s-%s-%d.jpg", v, d.name, i)), jpg, 0o644); err != nil {
					return t, err
				}
			}
			if img, err = jpeg.Decode(bytes.NewReader(jpg)); err != nil {
				return t, err
			}
			got, err := p.read(ctx, d.name, img)
			if err != nil {
				return t, err
			}
			want := expected(d.name, person)
			t.cards[d.name]++
			var missed []string
			for _, f := range d.fields {
				if got[f] == want[f] {
					t.exact[d.name+"."+f]++
				} else {
					missed = append(missed, fmt.Sprintf("%s %q read %q", f, want[f], got[f]))
				}
			}
			if len(missed) == 0 {
				t.whole[d.name]++
			} else if p.o.misses {
				t.misses = append(t.misses, fmt.Sprintf("%s %s card %d (%s): %s", v, d.name, i, st, strings.Join(missed, "; ")))
			}
		}
	}
	return t, nil
}

// dress draws card k's dress from a stream of its own (see dress).
func (p prober) dress(k uint64) dress {
	r := rand.New(rand.NewPCG(p.o.seed^0xd2e55, k)) //nolint:gosec // test data
	var d dress
	d.hindi = r.Float64() < p.o.bilingual
	if r.Float64() < p.o.bands {
		d.band = bands[r.IntN(len(bands))]
	}
	if r.Float64() < p.o.qr {
		d.qr = rand.New(rand.NewPCG(p.o.seed^0x9c0de, k)) //nolint:gosec // test data
	}
	return d
}

func (p prober) draw(r *rand.Rand, doc string, person cardkit.Person, d dress) (image.Image, style, error) {
	tf := p.o.faces[r.IntN(len(p.o.faces))]
	latin, err := p.fonts.pair(tf)
	if err != nil {
		return nil, "", err
	}
	deva, err := p.fonts.pair(devanagariFaces)
	if err != nil {
		return nil, "", err
	}
	width := widths[r.IntN(len(widths))]
	c := newCard(width, papers[r.IntN(len(papers))], latin, deva)
	var s style
	switch doc {
	case "pan":
		s = drawPAN(c, r, person, d)
	case "front":
		s = drawFront(c, r, person, p.o.maskShare, d)
	default:
		s = drawBack(c, r, person, p.o.maskShare, d)
	}
	if d.hindi || d.band != nil || d.qr != nil {
		s += style(", " + d.String())
	}
	return c.img, style(fmt.Sprintf("%s, %d px, %s", s, width, tf.regular)), nil
}

// read returns the reader's key fields in eval-ocr's comparison form.
func (p prober) read(ctx context.Context, doc string, img image.Image) (map[string]string, error) {
	switch doc {
	case "pan":
		r, err := p.rd.ReadPAN(ctx, img)
		return map[string]string{"pan": r.Number.Value, "name": cards.NormalizeName(r.Name.Value), "dob": r.DOB.Value}, err
	case "front":
		r, err := p.rd.ReadAadhaarFront(ctx, img)
		return map[string]string{"last4": r.Last4, "name": cards.NormalizeName(r.Name.Value), "dob": r.DOB.Value}, err
	default:
		r, err := p.rd.ReadAadhaarBack(ctx, img)
		return map[string]string{"last4": r.Last4, "pin": r.PIN.Value}, err
	}
}

func expected(doc string, person cardkit.Person) map[string]string {
	dob := person.DOBISO()
	switch doc {
	case "pan":
		return map[string]string{"pan": person.PAN, "name": cards.NormalizeName(person.Name), "dob": dob}
	case "front":
		if person.YearOfBirthOnly {
			dob = person.BirthYear()
		}
		return map[string]string{"last4": person.AadhaarLast4(), "name": cards.NormalizeName(person.Name), "dob": dob}
	default:
		return map[string]string{"last4": person.AadhaarLast4(), "pin": person.PIN}
	}
}

// upload is the card as an upload brings it: a JPEG at quality 90.
func upload(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		return nil, fmt.Errorf("encode upload: %w", err)
	}
	return buf.Bytes(), nil
}

func (t tally) print(v cardkit.Variant) {
	fmt.Printf("### %s\n\n| card | whole cards exact | fields exact |\n|---|---|---|\n", v)
	for _, d := range docs {
		n := t.cards[d.name]
		var fs []string
		for _, f := range d.fields {
			fs = append(fs, fmt.Sprintf("%s %d/%d", f, t.exact[d.name+"."+f], n))
		}
		fmt.Printf("| %s | %d/%d | %s |\n", d.name, t.whole[d.name], n, strings.Join(fs, ", "))
	}
	fmt.Println()
	for _, m := range t.misses {
		fmt.Println("- " + m)
	}
	if len(t.misses) > 0 {
		fmt.Println()
	}
}
