package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/cards/reader"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// cardResult is one card read: which fields matched and how long it took.
type cardResult struct {
	doc      cardkit.Doc
	family   string
	variant  cardkit.Variant
	index    int
	fields   map[string]bool      // field name -> exact match
	mismatch map[string][2]string // field name -> expected, read
	total    time.Duration
	cpu      time.Duration // process CPU time during the read (meaningful with one worker)
	passes   int
}

type job struct {
	v      cardkit.Variant
	doc    cardkit.Doc
	family string
	i      int
}

func evaluate(ctx context.Context, rd *reader.Reader, o options, faces []image.Image) ([]cardResult, error) {
	jobs := make(chan job)
	total := 0
	for _, doc := range o.docs {
		total += len(o.variants) * len(o.familiesOf(doc)) * o.n
	}
	var (
		mu       sync.Mutex
		results  []cardResult
		firstErr error
		wg       sync.WaitGroup
	)
	for range o.workers {
		wg.Go(func() {
			for j := range jobs {
				r, err := readOne(ctx, rd, o, faces, j)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				results = append(results, r)
				if len(results)%200 == 0 {
					fmt.Fprintf(os.Stderr, "eval-ocr: %d/%d cards read\n", len(results), total)
				}
				mu.Unlock()
			}
		})
	}
	for _, v := range o.variants {
		for _, doc := range o.docs {
			for _, fam := range o.familiesOf(doc) {
				for i := range o.n {
					jobs <- job{v, doc, fam, i}
				}
			}
		}
	}
	close(jobs)
	wg.Wait()
	return results, firstErr
}

func readOne(ctx context.Context, rd *reader.Reader, o options, faces []image.Image, j job) (res cardResult, err error) {
	s := cardkit.SampleIn(o.seed, j.i, j.doc, j.family)
	var face image.Image
	if len(faces) > 0 {
		face = faces[j.i%len(faces)]
	}
	img, err := upload(s.RenderVariant(j.doc, j.v, face), o.uploadQuality)
	if err != nil {
		return cardResult{}, err
	}
	res = cardResult{doc: j.doc, family: j.family, variant: j.v, index: j.i, fields: map[string]bool{}, mismatch: map[string][2]string{}}
	check := func(field, want, got string) {
		ok := want == got
		res.fields[field] = ok
		if !ok {
			res.mismatch[field] = [2]string{want, got}
		}
	}
	p := s.Person
	cpu0 := processCPU()
	defer func() { res.cpu = processCPU() - cpu0 }()
	switch j.doc {
	case cardkit.DocPAN:
		r, err := rd.ReadPAN(ctx, img)
		if err != nil {
			return res, err
		}
		res.total, res.passes = r.Stats.Total, r.Stats.Passes
		check("pan", p.PAN, r.Number.Value)
		check("name", cards.NormalizeName(p.Name), cards.NormalizeName(r.Name.Value))
		check("father", cards.NormalizeName(p.FatherName), cards.NormalizeName(r.FatherName.Value))
		check("dob", p.DOBISO(), r.DOB.Value)
	case cardkit.DocAadhaarFront:
		r, err := rd.ReadAadhaarFront(ctx, img)
		if err != nil {
			return res, err
		}
		res.total, res.passes = r.Stats.Total, r.Stats.Passes
		check("number", p.AadhaarMasked(), r.Number.Value)
		check("last4", p.AadhaarLast4(), r.Last4)
		check("name", cards.NormalizeName(p.Name), cards.NormalizeName(r.Name.Value))
		wantDOB := p.DOBISO()
		if p.YearOfBirthOnly {
			wantDOB = p.BirthYear()
		}
		check("dob", wantDOB, r.DOB.Value)
		check("gender", string(p.Gender), r.Gender.Value)
	case cardkit.DocAadhaarBack:
		r, err := rd.ReadAadhaarBack(ctx, img)
		if err != nil {
			return res, err
		}
		res.total, res.passes = r.Stats.Total, r.Stats.Passes
		check("number", p.AadhaarMasked(), r.Number.Value)
		check("last4", p.AadhaarLast4(), r.Last4)
		check("address", p.Address, r.Address.Value)
		check("pin", p.PIN, r.PIN.Value)
		check("careof", cards.NormalizeName(p.CareOfName), cards.NormalizeName(r.CareOf.Value))
	}
	return res, nil
}

// processCPU is the user+system CPU time the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// upload simulates a phone upload: the image is JPEG-encoded and decoded.
func upload(img image.Image, quality int) (image.Image, error) {
	if quality <= 0 {
		return img, nil
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("encode upload: %w", err)
	}
	return jpeg.Decode(&buf)
}

// fieldOrder fixes the table columns per document.
var fieldOrder = map[cardkit.Doc][]string{
	cardkit.DocPAN:          {"pan", "name", "dob", "father"},
	cardkit.DocAadhaarFront: {"number", "last4", "name", "dob", "gender"},
	cardkit.DocAadhaarBack:  {"number", "last4", "pin", "address", "careof"},
}

// keyFields are the fields the targets are set on: the number (PAN,
// or the Aadhaar's masked form and last 4), the name, the date of birth, the PIN.
var keyFields = map[cardkit.Doc][]string{
	cardkit.DocPAN:          {"pan", "name", "dob"},
	cardkit.DocAadhaarFront: {"number", "last4", "name", "dob"},
	cardkit.DocAadhaarBack:  {"number", "last4", "pin"},
}

func label(doc cardkit.Doc) string {
	return strings.ReplaceAll(string(doc), "_", " ")
}
