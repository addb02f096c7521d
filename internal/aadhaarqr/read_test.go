package aadhaarqr_test

import (
	"context"
	"image"
	"slices"
	"testing"

	qrcode "github.com/yeqown/go-qrcode/v2"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

// The kit's four variants rendered on an Aadhaar back, read from the image.
func TestReadImageVariants(t *testing.T) {
	t.Parallel()
	rd := trusting(t)
	p := person()
	for _, tc := range []struct {
		v         cardkit.QRVariant
		found     bool
		signature aadhaarqr.Signature
		finding   aadhaarqr.Finding
	}{
		{cardkit.QRValid, true, aadhaarqr.SignatureValid, ""},
		{cardkit.QRTampered, true, aadhaarqr.SignatureInvalid, ""},
		{cardkit.QRUntrusted, true, aadhaarqr.SignatureUntrusted, ""},
		{cardkit.QRUnreadable, false, "", aadhaarqr.FindingUnreadable},
	} {
		t.Run(string(tc.v), func(t *testing.T) {
			img, err := cardkit.RenderAadhaarBackQR(p, cardkit.QROptions{Variant: tc.v})
			if err != nil {
				t.Fatal(err)
			}
			res, err := rd.ReadImage(context.Background(), img)
			if err != nil {
				t.Fatal(err)
			}
			if res.Found != tc.found || res.Signature() != tc.signature {
				t.Fatalf("found %v signature %q, want %v %q (findings %v)", res.Found, res.Signature(), tc.found, tc.signature, res.Findings)
			}
			if tc.finding != "" && !slices.Contains(res.Findings, tc.finding) {
				t.Fatalf("findings %v, want %s", res.Findings, tc.finding)
			}
			if !tc.found {
				return
			}
			if res.Symbol.Version < 25 || res.Symbol.Version > 40 {
				t.Errorf("QR version %d, real Secure QRs are 25-40", res.Symbol.Version)
			}
			if res.Photo == nil || res.Photo.Bounds().Dx() != 64 {
				t.Errorf("photo %v", res.Photo)
			}
			if tc.v != cardkit.QRTampered && res.Payload.Name != p.Name {
				t.Errorf("name %q", res.Payload.Name)
			}
		})
	}
}

// Photographed-like cards: the kit's degradations applied to a valid back,
// and the QR on the front instead of the back.
func TestReadImageDegraded(t *testing.T) {
	t.Parallel()
	rd := trusting(t)
	s := cardkit.NewSample(11, 2)
	back, err := cardkit.RenderAadhaarBackQR(s.Person, cardkit.QROptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []cardkit.Variant{cardkit.Rotate, cardkit.JPEG40, cardkit.Noise, cardkit.Lighting, cardkit.Background, cardkit.Blur} {
		t.Run(string(v), func(t *testing.T) {
			img := cardkit.Degrade(back, v, cardkit.NewRand(5))
			res, err := rd.ReadImage(context.Background(), img)
			if err != nil || res.Signature() != aadhaarqr.SignatureValid {
				t.Fatalf("signature %q err %v findings %v", res.Signature(), err, res.Findings)
			}
		})
	}
	t.Run("front", func(t *testing.T) {
		front, err := cardkit.RenderAadhaarFrontQR(s.Person, nil, cardkit.QROptions{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := rd.ReadImage(context.Background(), front)
		if err != nil || res.Signature() != aadhaarqr.SignatureValid || res.Symbol.ModuleSize < 1.9 {
			t.Fatalf("signature %q module %.1f px err %v findings %v", res.Signature(), res.Symbol.ModuleSize, err, res.Findings)
		}
	})
}

// No QR: nothing found, no finding. A URL QR: found, reported as not Aadhaar.
func TestReadImageNoSecureQR(t *testing.T) {
	t.Parallel()
	rd := trusting(t)
	res, err := rd.ReadImage(context.Background(), cardkit.RenderAadhaarFront(person(), nil))
	if err != nil || res.Found || len(res.Findings) > 0 {
		t.Fatalf("plain front: %+v %v", res, err)
	}
	q, err := qrcode.New("https://example.org/not-aadhaar")
	if err != nil {
		t.Fatal(err)
	}
	var w gridWriter
	if err := q.Save(&w); err != nil {
		t.Fatal(err)
	}
	card := cardkit.RenderAadhaarBack(person()).(*image.RGBA)
	cardkit.DrawSecureQR(card, cardkit.BackQRRect, w.img)
	res, err = rd.ReadImage(context.Background(), card)
	if err != nil || !res.Found || res.Kind != aadhaarqr.KindOther || res.Payload != nil || len(res.Findings) > 0 {
		t.Fatalf("URL QR: %+v %v", res, err)
	}
}

type gridWriter struct{ img *image.Gray }

func (g *gridWriter) Write(m qrcode.Matrix) error {
	n := m.Width() + 8
	g.img = image.NewGray(image.Rect(0, 0, n, n))
	for i := range g.img.Pix {
		g.img.Pix[i] = 255
	}
	m.Iterate(qrcode.IterDirection_ROW, func(x, y int, v qrcode.QRValue) {
		if v.IsSet() {
			g.img.Pix[(y+4)*n+x+4] = 0
		}
	})
	return nil
}
func (g *gridWriter) Close() error { return nil }

func TestReadImageCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	img, err := cardkit.RenderAadhaarBackQR(person(), cardkit.QROptions{Variant: cardkit.QRUnreadable})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := trusting(t).ReadImage(ctx, img); err == nil {
		t.Fatal("a cancelled read of an unreadable QR returned no error")
	}
}
