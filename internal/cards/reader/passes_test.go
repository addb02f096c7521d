package reader

import (
	"context"
	"image"
	"strings"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// TestUnsureNameWordMeansAnotherPass: a pass whose name has a word read unsurely does not end the card, though
// the line's mean confidence would; the next pass's sure reading wins.
func TestUnsureNameWordMeansAnotherPass(t *testing.T) {
	t.Parallel()
	p := cardkit.NewSample(13, 0).Person
	card := func(name string) string {
		return "INCOME TAX DEPARTMENT GOVT. OF INDIA\n" + name + "\n" + strings.ToUpper(p.FatherName) + "\n" + p.DOB + "\nPermanent Account Number\n" + p.PAN
	}
	fr := &scriptedRecognizer{texts: []string{card("HARSH DEV~ JAIN"), card("HARSH DEVI JAIN")}}
	r := &Reader{eng: fr, cfg: Config{Budget: time.Minute, MaxPasses: 4, Plan: DefaultPlan()}}
	res, err := r.ReadPAN(context.Background(), image.NewGray(image.Rect(0, 0, 200, 120)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Name.Value != "HARSH DEVI JAIN" || fr.calls < 2 {
		t.Errorf("read %q in %d passes, want HARSH DEVI JAIN after the first", res.Name.Value, fr.calls)
	}
}

// TestFirstPassReadingNothing: an image whose first pass reads no word gets the next passes until one reads
// words, before it is called textless (a photographed card can defeat the first preparation's page layout and
// read whole after flattening; a small blurred card reads only in the sparse third pass); a blank image has
// every pass once, and a card read by the first pass costs no more passes.
func TestFirstPassReadingNothing(t *testing.T) {
	t.Parallel()
	p := cardkit.NewSample(13, 0).Person
	card := "INCOME TAX DEPARTMENT GOVT. OF INDIA\n" + strings.ToUpper(p.Name) + "\n" + strings.ToUpper(p.FatherName) + "\n" + p.DOB + "\nPermanent Account Number\n" + p.PAN
	for _, tc := range []struct {
		name   string
		passes []string
		want   string // the PAN read
		calls  int
	}{
		{"the first pass reads the card", []string{card}, p.PAN, 1},
		{"the second pass reads what the first missed", []string{"", card}, p.PAN, 2},
		{"the third pass reads what the first two missed", []string{"", "", card}, p.PAN, 3},
		{"a blank image", []string{""}, "", 4},
		{"a few stray words", []string{"", "ee a"}, "", 4},
	} {
		fr := &scriptedRecognizer{texts: tc.passes}
		r := &Reader{eng: fr, cfg: Config{Budget: time.Minute, MaxPasses: 4, Plan: DefaultPlan()}}
		res, err := r.ReadPAN(context.Background(), image.NewGray(image.Rect(0, 0, 200, 120)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Number.Value != tc.want || fr.calls != tc.calls {
			t.Errorf("%s: read %q in %d passes, want %q in %d", tc.name, res.Number.Value, fr.calls, tc.want, tc.calls)
		}
	}
}
