package reader

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/disintegration/imaging"
	"github.com/enxtai/kyc/internal/cards"
	"github.com/enxtai/kyc/internal/ocr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newReader runs real Tesseract with two clients, as on a 2-core machine.
func newReader(t *testing.T, cfg Config) *Reader {
	t.Helper()
	ecfg := ocr.DefaultConfig()
	ecfg.Workers = 2
	eng, err := ocr.New(ecfg)
	if err != nil {
		t.Fatalf("start OCR: %v", err)
	}
	t.Cleanup(func() { _ = eng.Close() })
	r, err := New(eng, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// anyTwelveDigits: a 4-4-4 or run-together 12-digit number in text (hex
// hashes can hold digit runs, so structured values are checked with noFullNumber).
var anyTwelveDigits = regexp.MustCompile(`(^|\D)\d{4}\s?\d{4}\s?\d{4}(\D|$)`)

// noFullNumber fails if the number, spaced or not, is visible in anything
// printable from v, or if its first eight digits are.
func noFullNumber(t *testing.T, what string, v any, number string) {
	t.Helper()
	js, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	spaced := number[:4] + " " + number[4:8]
	for _, s := range []string{string(js), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v)} {
		if strings.Contains(s, number[:8]) || strings.Contains(s, spaced) {
			t.Fatalf("%s: the Aadhaar number is visible in %s", what, s)
		}
	}
}

// TestReadEveryFamily reads one person's cards in every layout family of
// the kit: clean, every key field must come out exact, the full Aadhaar
// number must not leak, and the three cards must cross-check clean.
// Photographed, the same cards may lose at most two key fields in all
// (Tesseract confuses Q and O, which no structure can undo); the rates are
// measured by bench/eval-ocr.
func TestReadEveryFamily(t *testing.T) {
	t.Parallel()
	r := newReader(t, Config{Budget: time.Minute, MaxPasses: 4, Plan: DefaultPlan(), HashKey: []byte("0123456789abcdef")})
	photoMisses := 0
	for _, v := range []cardkit.Variant{cardkit.Clean, cardkit.Photographed} {
		for i, layout := range cardkit.AadhaarLayouts {
			s := cardkit.NewSample(11, i)
			s.AadhaarLayout, s.PANLayout = layout, cardkit.PANLayouts[i%len(cardkit.PANLayouts)]
			name := fmt.Sprintf("%s/%s/%s/%s", layout, s.PANLayout, s.AadhaarFace, v)
			misses := readFamily(t, r, s, v, name)
			if v == cardkit.Clean {
				for _, m := range misses {
					t.Error(m)
				}
				continue
			}
			photoMisses += len(misses)
			for _, m := range misses {
				t.Log(m)
			}
		}
	}
	if photoMisses > 2 {
		t.Errorf("photographed: %d key fields missed (logged above), want at most 2", photoMisses)
	}
}

// readFamily reads a sample's three cards and returns the key fields missed.
func readFamily(t *testing.T, r *Reader, s cardkit.Sample, v cardkit.Variant, name string) []string {
	t.Helper()
	ctx := context.Background()
	p := s.Person
	var misses []string
	miss := func(what, got, want string) {
		if got != want {
			misses = append(misses, fmt.Sprintf("%s %s: got %q, want %q", name, what, got, want))
		}
	}
	pan, err := r.ReadPAN(ctx, s.RenderVariant(cardkit.DocPAN, v, nil))
	if err != nil {
		t.Fatal(err)
	}
	miss("PAN number", pan.Number.Value, p.PAN)
	miss("PAN name", cards.NormalizeName(pan.Name.Value), cards.NormalizeName(p.Name))
	miss("PAN DOB", pan.DOB.Value, p.DOBISO())

	front, err := r.ReadAadhaarFront(ctx, s.RenderVariant(cardkit.DocAadhaarFront, v, nil))
	if err != nil {
		t.Fatal(err)
	}
	wantDOB := p.DOBISO()
	if p.YearOfBirthOnly {
		wantDOB = p.BirthYear()
	}
	miss("front number", front.Number.Value, p.AadhaarMasked())
	miss("front last 4", front.Last4, p.AadhaarLast4())
	miss("front name", cards.NormalizeName(front.Name.Value), cards.NormalizeName(p.Name))
	miss("front DOB", front.DOB.Value, wantDOB)
	layout := s.AadhaarLayout
	// A masked card has no full number: nothing to hash, nothing to check.
	if front.Number.Found() && (len(front.NumberHash) == 64) == layout.Masked() {
		t.Errorf("%s: keyed hash %q (masked card: %v)", name, front.NumberHash, layout.Masked())
	}
	if layout.Masked() && (cards.HasCode(front.Findings, cards.CodeAadhaarChecksum) || !cards.HasCode(front.Findings, cards.CodeAadhaarMasked)) {
		t.Errorf("%s: masked card findings %+v", name, front.Findings)
	}
	noFullNumber(t, name+" front", front, p.Aadhaar)

	back, err := r.ReadAadhaarBack(ctx, s.RenderVariant(cardkit.DocAadhaarBack, v, nil))
	if err != nil {
		t.Fatal(err)
	}
	miss("back last 4", back.Last4, p.AadhaarLast4())
	miss("back PIN", back.PIN.Value, p.PIN)
	noFullNumber(t, name+" back", back, p.Aadhaar)

	if len(misses) == 0 {
		for _, f := range r.CrossCheck(pan, front, back) {
			// A husband or guardian on the back differs from the PAN's father by design.
			if f.Code == cards.CodeFatherNameMismatch && p.Relation != "S/O" && p.Relation != "D/O" {
				continue
			}
			if f.Severity != cards.SevInfo {
				t.Errorf("%s: cross-check of one person's cards: %+v", name, f)
			}
		}
	}
	return misses
}

func TestCrossCheckDifferentPeople(t *testing.T) {
	t.Parallel()
	r := newReader(t, DefaultConfig())
	ctx := context.Background()
	a, b := cardkit.NewSample(12, 0), cardkit.NewSample(12, 1)
	pan, err := r.ReadPAN(ctx, a.Render(cardkit.DocPAN, nil))
	if err != nil {
		t.Fatal(err)
	}
	front, err := r.ReadAadhaarFront(ctx, b.Render(cardkit.DocAadhaarFront, nil))
	if err != nil {
		t.Fatal(err)
	}
	back, err := r.ReadAadhaarBack(ctx, a.Render(cardkit.DocAadhaarBack, nil))
	if err != nil {
		t.Fatal(err)
	}
	fs := r.CrossCheck(pan, front, back)
	for _, c := range []cards.Code{cards.CodeNameMismatch, cards.CodeAadhaarFrontBackDiff} {
		if !cards.HasCode(fs, c) {
			t.Errorf("missing %s in %+v", c, fs)
		}
	}
	if a.Person.DOB != b.Person.DOB && !b.Person.YearOfBirthOnly && !cards.HasCode(fs, cards.CodeDOBMismatch) {
		t.Errorf("missing dob_mismatch in %+v", fs)
	}
	for _, f := range fs {
		if anyTwelveDigits.MatchString(f.Message) {
			t.Errorf("finding leaks a number: %s", f.Message)
		}
	}
}

// badInputs are images a user may upload instead of the right card.
func badInputs() map[string]image.Image {
	s := cardkit.NewSample(13, 0)
	white := image.NewRGBA(image.Rect(0, 0, 1000, 640))
	draw.Draw(white, white.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	return map[string]image.Image{
		"blank":        white,
		"not a card":   cardkit.Degrade(imaging.New(800, 500, color.RGBA{120, 100, 80, 255}), cardkit.Background, cardkit.NewRand(1)),
		"tiny":         image.NewRGBA(image.Rect(0, 0, 8, 8)),
		"upside down":  imaging.Rotate180(s.Render(cardkit.DocPAN, nil)),
		"two PANs":     twoPANs(s),
		"aadhaar side": s.Render(cardkit.DocAadhaarFront, nil),
		"pan side":     s.Render(cardkit.DocPAN, nil),
	}
}

// twoPANs pastes another person's PAN number line onto an old-layout PAN.
func twoPANs(s cardkit.Sample) image.Image {
	card := imaging.Clone(cardkit.RenderPAN(s.Person, cardkit.PANOld))
	other := cardkit.NewSample(99, 3).Person
	donor := cardkit.RenderPAN(other, cardkit.PANOld)
	line := imaging.Crop(donor, image.Rect(40, 395, 420, 455)) // the number line of the old layout
	return imaging.Paste(card, line, image.Pt(560, 180))
}

func TestBadInputNeverGuessesWithConfidence(t *testing.T) {
	t.Parallel()
	// The budget is wall time: on a loaded machine the default one can end
	// the reads before the upside-down pass this test is about.
	cfg := DefaultConfig()
	cfg.Budget = time.Minute
	r := newReader(t, cfg)
	ctx := context.Background()
	in := badInputs()
	s := cardkit.NewSample(13, 0)

	for _, name := range []string{"blank", "not a card", "tiny"} {
		pan, err := r.ReadPAN(ctx, in[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if pan.Number.Found() || !cards.HasCode(pan.Findings, cards.CodePANNotFound) {
			t.Errorf("%s as PAN: %+v", name, pan)
		}
		front, err := r.ReadAadhaarFront(ctx, in[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if front.Number.Found() || !cards.HasCode(front.Findings, cards.CodeAadhaarNotFound) {
			t.Errorf("%s as Aadhaar: %+v", name, front)
		}
	}
	for _, name := range []string{"blank", "tiny"} {
		pan, _ := r.ReadPAN(ctx, in[name])
		if !cards.HasCode(pan.Findings, cards.CodeNoText) {
			t.Errorf("%s: no no_text finding: %+v", name, pan.Findings)
		}
	}

	up, err := r.ReadPAN(ctx, in["upside down"])
	if err != nil {
		t.Fatal(err)
	}
	if up.Number.Value != s.Person.PAN || !cards.HasCode(up.Findings, cards.CodeRotated) || !up.Stats.Rotated {
		t.Errorf("upside down: %q rotated=%v findings %+v", up.Number.Value, up.Stats.Rotated, up.Findings)
	}

	two, err := r.ReadPAN(ctx, in["two PANs"])
	if err != nil {
		t.Fatal(err)
	}
	if !cards.HasCode(two.Findings, cards.CodeMultiplePAN) || two.Number.Confidence >= lowConfidence ||
		!cards.HasCode(two.Findings, cards.CodeLowConf) {
		t.Errorf("two PANs: %q conf %.2f findings %+v", two.Number.Value, two.Number.Confidence, two.Findings)
	}

	asAadhaar, err := r.ReadAadhaarFront(ctx, in["pan side"])
	if err != nil {
		t.Fatal(err)
	}
	if asAadhaar.Number.Found() || !cards.HasCode(asAadhaar.Findings, cards.CodeWrongDocType) {
		t.Errorf("PAN given as Aadhaar: %+v", asAadhaar)
	}
	for _, f := range []Field{asAadhaar.Name, asAadhaar.DOB, asAadhaar.Gender} {
		if f.Confidence >= lowConfidence {
			t.Errorf("PAN given as Aadhaar: %q kept confidence %.2f", f.Value, f.Confidence)
		}
	}
	asPAN, err := r.ReadPAN(ctx, in["aadhaar side"])
	if err != nil {
		t.Fatal(err)
	}
	if asPAN.Number.Found() || !cards.HasCode(asPAN.Findings, cards.CodeWrongDocType) {
		t.Errorf("Aadhaar given as PAN: %+v", asPAN)
	}
	if _, err := r.ReadPAN(ctx, nil); err == nil {
		t.Error("nil image accepted")
	}
}

func TestReadHonoursContext(t *testing.T) {
	t.Parallel()
	r := newReader(t, DefaultConfig())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := r.ReadAadhaarBack(ctx, cardkit.NewSample(14, 0).Render(cardkit.DocAadhaarBack, nil))
	if err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("cancelled read: %v", err)
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []Config{{}, {Budget: 1, MaxPasses: 1, Plan: DefaultPlan(), HashKey: []byte("short")}} {
		if c.Validate() == nil {
			t.Errorf("accepted %+v", c)
		}
	}
	if _, err := New(nil, DefaultConfig()); err == nil {
		t.Error("nil engine accepted")
	}
}

// TestReadPANDigitsReadAsLetters: on the old card in DejaVu bold
// every full-card pass reads TAHPA0008I as "TAHPAOOOSI"; the digits, read
// again on their own, give the number, with a finding that says so.
func TestReadPANDigitsReadAsLetters(t *testing.T) {
	t.Parallel()
	r := newReader(t, DefaultConfig())
	p := cardkit.NewSample(1, 50).Person
	p.PAN = "TAHPA0008I"
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, cardkit.RenderPANWith(p, cardkit.PANOld, cardkit.FaceDejaVu), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	pan, err := r.ReadPAN(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	if pan.Number.Value != "TAHPA0008I" || pan.Number.Confidence < keyConfidence {
		t.Fatalf("PAN %q (confidence %.2f), want TAHPA0008I; findings %+v", pan.Number.Value, pan.Number.Confidence, pan.Findings)
	}
	if !cards.HasCode(pan.Findings, cards.CodePANReread) || cards.HasCode(pan.Findings, cards.CodePANInvalid) {
		t.Errorf("findings %+v: want %s and no %s", pan.Findings, cards.CodePANReread, cards.CodePANInvalid)
	}
}

// TestGlareFadedDateIsReadByTheLocalThresholdPass: on this photographed 2018 PAN (kit seed 9, card 12) glare
// fades the date of birth to light grey; Tesseract's global threshold, set by the card's dark print, drops
// the whole line from its layout in every other pass, and the last pass's local (Sauvola) threshold reads it.
func TestGlareFadedDateIsReadByTheLocalThresholdPass(t *testing.T) {
	t.Parallel()
	s := cardkit.NewSample(9, 12)
	s.PANLayout = cardkit.PANNew
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, s.RenderVariant(cardkit.DocPAN, cardkit.Photographed, nil), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Budget = time.Minute // the machine may be loaded; the pass count is what is tested
	without := cfg
	without.Plan = cfg.Plan[:len(cfg.Plan)-1]
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{{"global threshold only", without, ""}, {"with the local threshold pass", cfg, s.Person.DOBISO()}} {
		pan, err := newReader(t, tc.cfg).ReadPAN(context.Background(), img)
		if err != nil {
			t.Fatal(err)
		}
		if pan.DOB.Value != tc.want {
			t.Errorf("%s: date of birth %q, want %q", tc.name, pan.DOB.Value, tc.want)
		}
	}
}

// TestTiltedCardIsStraightenedInTheFirstPass: a card held a few degrees off level is straightened before the
// first pass reads it (DefaultPlan), so a pass that reads it surely, and so ends the card, reads it level.
func TestTiltedCardIsStraightenedInTheFirstPass(t *testing.T) {
	t.Parallel()
	r := newReader(t, Config{Budget: time.Minute, MaxPasses: 1, Plan: DefaultPlan()})
	s := cardkit.NewSample(11, 1)
	p := s.Person
	for _, tilt := range []float64{-3, 3} {
		img := imaging.Rotate(s.Render(cardkit.DocAadhaarFront, nil), tilt, color.White)
		res, err := r.ReadAadhaarFront(context.Background(), img)
		if err != nil {
			t.Fatal(err)
		}
		if d := res.Stats.SkewDeg - tilt; d < -1 || d > 1 || res.Stats.Passes != 1 {
			t.Errorf("tilt %.0f°: straightened by %.1f° in %d passes, want about the tilt in one", tilt, res.Stats.SkewDeg, res.Stats.Passes)
		}
		if cards.NormalizeName(res.Name.Value) != cards.NormalizeName(p.Name) || res.Last4 != p.AadhaarLast4() {
			t.Errorf("tilt %.0f°: read %q, last 4 %q; want %q, %q", tilt, res.Name.Value, res.Last4, p.Name, p.AadhaarLast4())
		}
	}
}
