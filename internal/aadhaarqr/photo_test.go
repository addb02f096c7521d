package aadhaarqr_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/jpeg"
	"testing"

	"github.com/enxtai/kyc/internal/aadhaarqr"
	"github.com/enxtai/kyc/internal/testkit/cardkit"
)

func testPhoto(t testing.TB) (image.Image, []byte) {
	t.Helper()
	src := image.NewRGBA(image.Rect(0, 0, 64, 80))
	for y := range 80 {
		for x := range 64 {
			i := src.PixOffset(x, y)
			src.Pix[i], src.Pix[i+1], src.Pix[i+2], src.Pix[i+3] = uint8(x*4), uint8(y*3), 128, 255
		}
	}
	j2k, err := cardkit.EncodeJ2K(src)
	if err != nil {
		t.Fatal(err)
	}
	return src, j2k
}

func TestDecodePhoto(t *testing.T) {
	src, j2k := testPhoto(t)
	img, err := aadhaarqr.DecodePhoto(j2k)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != src.Bounds() {
		t.Fatalf("bounds %v, want %v", img.Bounds(), src.Bounds())
	}
	// Lossy: compare the mean absolute error of the red gradient.
	var diff, n int
	for y := 0; y < 80; y += 5 {
		for x := 0; x < 64; x += 5 {
			r1, _, _, _ := src.At(x, y).RGBA()
			r2, _, _, _ := img.At(x, y).RGBA()
			diff += abs(int(r1>>8) - int(r2>>8))
			n++
		}
	}
	if diff/n > 12 {
		t.Errorf("mean red error %d", diff/n)
	}
}

func TestDecodePhotoBad(t *testing.T) {
	_, j2k := testPhoto(t)
	huge := append([]byte(nil), j2k...)
	binary.BigEndian.PutUint32(huge[8:], 60000) // Xsiz
	binary.BigEndian.PutUint32(huge[12:], 60000)
	binary.BigEndian.PutUint32(huge[24:], 60000) // one tile
	binary.BigEndian.PutUint32(huge[28:], 60000)
	tiny := append([]byte(nil), j2k...)
	binary.BigEndian.PutUint32(tiny[24:], 1) // 1x1 tiles: 5120 of them
	binary.BigEndian.PutUint32(tiny[28:], 1)
	corrupt := append([]byte(nil), j2k[:len(j2k)/2]...)
	garbled := append([]byte(nil), j2k...)
	for i := 60; i < len(garbled); i += 3 {
		garbled[i] ^= 0x5a
	}
	for _, tc := range []struct {
		name string
		data []byte
		want aadhaarqr.Finding
	}{
		{"huge declared size", huge, aadhaarqr.FindingPhotoTooLarge},
		{"too many tiles", tiny, aadhaarqr.FindingPhotoTooLarge},
		{"half a codestream", corrupt, aadhaarqr.FindingPhotoCorrupt},
		{"empty", nil, aadhaarqr.FindingPhotoCorrupt},
		{"a cut JPEG", []byte{0xff, 0xd8, 0xff, 0xe0, 0, 0x10}, aadhaarqr.FindingPhotoCorrupt},
		{"a JPEG declaring 60000x60000", hugeJPEG(t), aadhaarqr.FindingPhotoTooLarge},
		{"SIZ cut", j2k[:20], aadhaarqr.FindingPhotoCorrupt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := aadhaarqr.DecodePhoto(tc.data)
			var fe *aadhaarqr.Error
			if !errors.As(err, &fe) || fe.Finding != tc.want {
				t.Fatalf("err = %v, want %s", err, tc.want)
			}
		})
	}
	// Garbled data after the header: an error or an image, never a crash.
	if img, err := aadhaarqr.DecodePhoto(garbled); err == nil && img.Bounds().Dx() != 64 {
		t.Errorf("garbled photo decoded to %v", img.Bounds())
	}
	if !bytes.HasPrefix(j2k, []byte{0xff, 0x4f, 0xff, 0x51}) {
		t.Errorf("the kit's photo is not a bare J2K codestream")
	}
}

// TestDecodePhotoJPEG: a QR photo in plain JPEG (reported by some readers)
// decodes like a JPEG2000 one.
func TestDecodePhotoJPEG(t *testing.T) {
	src, _ := testPhoto(t)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	img, err := aadhaarqr.DecodePhoto(buf.Bytes())
	if err != nil || img.Bounds() != src.Bounds() {
		t.Fatalf("decoded %v, %v; want %v", img, err, src.Bounds())
	}
}

// hugeJPEG is a 1x1 JPEG whose frame header claims 60000x60000.
func hugeJPEG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)), nil); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	i := bytes.Index(b, []byte{0xff, 0xc0}) // SOF0: length(2) precision(1) height(2) width(2)
	if i < 0 {
		t.Fatal("no SOF0 marker")
	}
	binary.BigEndian.PutUint16(b[i+5:], 60000)
	binary.BigEndian.PutUint16(b[i+7:], 60000)
	return b
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
