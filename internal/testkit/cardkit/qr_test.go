package cardkit

import (
	"bytes"
	"image"
	"testing"
)

// The kit's variants differ from the valid payload exactly as they claim:
// tampered in one byte of the name, untrusted only in the signature.
func TestSecureQRVariants(t *testing.T) {
	p := NewSample(3, 1).Person
	valid, err := SecureQRPayload(p, QROptions{})
	if err != nil {
		t.Fatal(err)
	}
	tampered, _ := SecureQRPayload(p, QROptions{Variant: QRTampered})
	untrusted, _ := SecureQRPayload(p, QROptions{Variant: QRUntrusted})
	if len(tampered) != len(valid) || len(untrusted) != len(valid) {
		t.Fatalf("lengths %d %d %d", len(valid), len(tampered), len(untrusted))
	}
	var diffs []int
	for i := range valid {
		if valid[i] != tampered[i] {
			diffs = append(diffs, i)
		}
	}
	nameAt := bytes.Index(valid, []byte(p.Name))
	if len(diffs) != 1 || diffs[0] != nameAt {
		t.Errorf("tampered differs at %v, want only the name's first byte %d", diffs, nameAt)
	}
	body := len(valid) - 256
	if !bytes.Equal(valid[:body], untrusted[:body]) || bytes.Equal(valid[body:], untrusted[body:]) {
		t.Error("untrusted must differ in the signature only")
	}
	if !bytes.HasPrefix(valid, []byte("V2\xff0\xff"+p.AadhaarLast4()+"20230405102030456\xff")) {
		t.Errorf("payload starts %q", valid[:40])
	}
	first, _ := SecureQRPayload(p, QROptions{Format: 1, Mobile: "9876543210"})
	if !bytes.HasPrefix(first, []byte("2\xff"+p.AadhaarLast4())) {
		t.Errorf("first format starts %q", first[:20])
	}
}

// The rendered symbol is as dense as a real card's (version 25-40) and the
// back's layout gives it 3 px modules.
func TestSecureQRImage(t *testing.T) {
	p := NewSample(3, 2).Person
	qr, err := SecureQR(p, QRValid)
	if err != nil {
		t.Fatal(err)
	}
	if v := QRVersionOf(qr); v < 25 || v > 40 {
		t.Errorf("version %d", v)
	}
	card := RenderAadhaarBack(p).(*image.RGBA)
	if px := DrawSecureQR(card, BackQRRect, qr); px != 3 {
		t.Errorf("back module size %d px, want 3", px)
	}
	cut, _ := SecureQR(p, QRUnreadable)
	n := qr.Bounds().Dx()
	dark := func(g *image.Gray, r image.Rectangle) (k int) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if g.GrayAt(x, y).Y < 128 {
					k++
				}
			}
		}
		return k
	}
	finder, lowerRight := image.Rect(4, 4, 11, 11), image.Rect(n*6/10, n*6/10, n-4, n-4)
	if dark(cut, finder) != dark(qr, finder) || dark(qr, lowerRight) == 0 || dark(cut, lowerRight) != 0 {
		t.Error("unreadable must keep the finder patterns and clear the lower-right quarter")
	}
}

// The UIDAI hash: once for last digits 0 and 1, n times for n.
func TestUIDAIHash(t *testing.T) {
	if !bytes.Equal(uidaiHash("9876543210", 0), uidaiHash("9876543210", 1)) {
		t.Error("0 and 1 must both hash once")
	}
	if bytes.Equal(uidaiHash("9876543210", 2), uidaiHash("9876543210", 1)) {
		t.Error("2 must hash twice")
	}
}
