package ocr

import (
	"context"
	"errors"
	"image"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/enxtai/kyc/internal/testkit/cardkit"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func newEngine(t *testing.T, workers int) *Engine {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Workers = workers
	e, err := New(cfg)
	if err != nil {
		t.Fatalf("start engine: %v", err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

func TestRecognizeKitCards(t *testing.T) {
	t.Parallel()
	e := newEngine(t, 1)
	p := cardkit.NewPerson(cardkit.NewRand(42))
	for _, tc := range []struct {
		name string
		img  image.Image
		want []string
	}{
		{"pan old", cardkit.RenderPAN(p, cardkit.PANOld), []string{p.PAN, p.PANName(), p.DOB, "INCOME TAX DEPARTMENT"}},
		{"pan new", cardkit.RenderPAN(p, cardkit.PANNew), []string{p.PAN, p.PANName(), p.DOB, "Permanent Account Number"}},
		{"aadhaar front", cardkit.RenderAadhaarFront(p, nil), []string{p.AadhaarSpaced(), p.Name, p.DOB, string(p.Gender)}},
		{"aadhaar back", cardkit.RenderAadhaarBack(p), []string{p.AadhaarSpaced(), p.PIN, "Unique Identification Authority of India"}},
	} {
		prep := Prepare(tc.img, Prep{Width: 1100, Stretch: true})
		res, err := e.Recognize(context.Background(), prep.Image, Pass{Mode: SegAuto})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		text := res.Text()
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q not read; got:\n%s", tc.name, w, text)
			}
		}
		if c := res.Confidence(); c < 0.5 || c > 1 {
			t.Errorf("%s: mean confidence %.2f", tc.name, c)
		}
		if res.Duration <= 0 {
			t.Errorf("%s: no duration", tc.name)
		}
	}
}

func TestWhitelistLimitsCharacters(t *testing.T) {
	t.Parallel()
	e := newEngine(t, 1)
	p := cardkit.NewPerson(cardkit.NewRand(3))
	card := Prepare(cardkit.RenderAadhaarFront(p, nil), Prep{})
	// The number line of the front (see cardkit's layout), cropped.
	line := card.Image.SubImage(image.Rect(200, 540, 860, 615)).(*image.Gray)
	res, err := e.Recognize(context.Background(), line, Pass{Mode: SegLine, Whitelist: "0123456789 "})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(res.Text(), " ", "")
	if got != p.Aadhaar {
		t.Errorf("number line read as %q", res.Text())
	}
	full, err := e.Recognize(context.Background(), card.Image, Pass{Mode: SegAuto, Whitelist: "0123456789"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsFunc(full.Text(), func(r rune) bool { return (r < '0' || r > '9') && r != ' ' && r != '\n' }) {
		t.Errorf("whitelist ignored: %q", full.Text())
	}
	// The whitelist belongs to one pass only.
	again, err := e.Recognize(context.Background(), card.Image, Pass{Mode: SegAuto})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(again.Text(), "Government of India") {
		t.Errorf("whitelist leaked into the next pass: %q", again.Text())
	}
}

func TestPoolRunsConcurrentCalls(t *testing.T) {
	t.Parallel()
	e := newEngine(t, 2)
	img := Prepare(cardkit.RenderPAN(cardkit.NewPerson(cardkit.NewRand(5)), cardkit.PANOld), Prep{Width: 800})
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() {
			res, err := e.Recognize(context.Background(), img.Image, Pass{Mode: SegAuto})
			if err == nil && !strings.Contains(res.Text(), "Permanent Account Number") {
				err = errors.New("card not read: " + res.Text())
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestDeadlineAndClose(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.Workers = 1
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	img := Prepare(cardkit.RenderAadhaarBack(cardkit.NewPerson(cardkit.NewRand(6))), Prep{}).Image
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if _, err := e.Recognize(ctx, img, Pass{Mode: SegAuto}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("expected a deadline error, got %v", err)
	}
	// The client comes back to the pool once Tesseract finishes.
	if _, err := e.Recognize(context.Background(), img, Pass{Mode: SegAuto}); err != nil {
		t.Fatalf("engine unusable after a deadline: %v", err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
	if _, err := e.Recognize(context.Background(), img, Pass{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
}

func TestOddImages(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.Workers, cfg.MaxPixels = 1, 1_000_000
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	blank := image.NewGray(image.Rect(0, 0, 600, 400))
	for i := range blank.Pix {
		blank.Pix[i] = 255
	}
	for _, tc := range []struct {
		name    string
		img     *image.Gray
		wantErr error
	}{
		{"tiny", image.NewGray(image.Rect(0, 0, 5, 5)), nil},
		{"black", image.NewGray(image.Rect(0, 0, 600, 400)), nil},
		{"white", blank, nil},
		{"offset bounds", blank.SubImage(image.Rect(100, 100, 300, 200)).(*image.Gray), nil},
		{"too large", image.NewGray(image.Rect(0, 0, 2000, 1000)), ErrTooLarge},
	} {
		res, err := e.Recognize(context.Background(), tc.img, Pass{Mode: SegAuto})
		if !errors.Is(err, tc.wantErr) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.wantErr)
		}
		if res.WordCount() > 2 {
			t.Errorf("%s: read %q from an empty image", tc.name, res.Text())
		}
	}
	if _, err := e.Recognize(context.Background(), nil, Pass{}); err == nil {
		t.Error("nil image accepted")
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
	bad := Config{}
	if err := bad.Validate(); err == nil {
		t.Fatal("zero config accepted")
	}
	cfg := DefaultConfig()
	cfg.Languages = []string{"xxx"}
	cfg.Workers = 1
	if _, err := New(cfg); err == nil {
		t.Fatal("missing language data accepted")
	}
}
