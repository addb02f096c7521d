package imagecheck

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/gif"
	"image/png"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/image/bmp"
)

const mb5 = 5 * 1024 * 1024

func TestCheck(t *testing.T) {
	t.Parallel()
	validPNG := encodePNG(t, 640, 480)
	validJPEG := encodeJPEG(t, 640, 480)
	var gifBuf, bmpBuf, tallBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, gradient(400, 400), nil); err != nil {
		t.Fatal(err)
	}
	if err := bmp.Encode(&bmpBuf, gradient(400, 400)); err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(&tallBuf, image.NewGray(image.Rect(0, 0, 1, 100000))); err != nil {
		t.Fatal(err)
	}
	heic := append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 4000)...)
	pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	withCRCFlip := append([]byte{}, validPNG...)
	withCRCFlip[len(withCRCFlip)/2] ^= 0x01
	sof3 := bytes.Replace(validJPEG, []byte{0xff, jpegSOF0}, []byte{0xff, 0xc3}, 1)
	trailer := append(append([]byte{}, validJPEG...), []byte("SEFHmotion-photo-trailer")...)

	tests := []struct {
		name       string
		in         []byte
		want       error
		wantType   string
		wantW      int
		wantH      int
		wantErrSub string
	}{
		{name: "png", in: validPNG, wantType: TypePNG, wantW: 640, wantH: 480},
		{name: "jpeg", in: validJPEG, wantType: TypeJPEG, wantW: 640, wantH: 480},
		{name: "png bytes named .jpg and declared image/jpeg: bytes decide", in: validPNG, wantType: TypePNG, wantW: 640, wantH: 480},
		{name: "jpeg with data after EOI (phone trailer)", in: trailer, wantType: TypeJPEG, wantW: 640, wantH: 480},
		{name: "minimum 300x300", in: encodePNG(t, 300, 300), wantType: TypePNG, wantW: 300, wantH: 300},
		{name: "gif", in: gifBuf.Bytes(), want: ErrUnsupportedType},
		{name: "bmp", in: bmpBuf.Bytes(), want: ErrUnsupportedType},
		{name: "pdf", in: pdf, want: ErrUnsupportedType},
		{name: "heic", in: heic, want: ErrUnsupportedType},
		{name: "text", in: []byte("hello, I am a jpeg"), want: ErrUnsupportedType},
		{name: "lossless jpeg (SOF3)", in: sof3, want: ErrUnsupportedType},
		{name: "empty", in: nil, want: ErrEmpty},
		{name: "too small 299x300", in: encodeJPEG(t, 299, 300), want: ErrDimensions, wantErrSub: "299x300"},
		{name: "too wide 8193x300 header", in: pngHeaderOnly(8193, 300), want: ErrDimensions, wantErrSub: "8193x300"},
		// The pixel budget: 8192x8192 fits the guide's sides but is 67 megapixels (a 522 kB PNG of it took the
		// server to 2 GB); 8000x5000 is exactly the budget and passes the dimension check (header only: corrupt).
		{name: "8192x8192 header: too many pixels", in: pngHeaderOnly(8192, 8192), want: ErrDimensions, wantErrSub: "at most 40 megapixels are allowed, this image has 67.1"},
		{name: "8000x5001 header: one row over", in: pngHeaderOnly(8000, 5001), want: ErrDimensions, wantErrSub: "8000x5001"},
		{name: "8000x5000 header: within the budget", in: pngHeaderOnly(8000, 5000), want: ErrCorrupt},
		{name: "1x100000 png", in: tallBuf.Bytes(), want: ErrDimensions, wantErrSub: "1x100000 are out of range: allowed 300x300 to 8192x8192"},
		{name: "truncated jpeg (60%)", in: validJPEG[:len(validJPEG)*6/10], want: ErrCorrupt},
		{name: "truncated jpeg (EOI cut)", in: validJPEG[:len(validJPEG)-1], want: ErrCorrupt},
		{name: "jpeg header only", in: validJPEG[:200], want: ErrCorrupt},
		{name: "truncated png (half)", in: validPNG[:len(validPNG)/2], want: ErrCorrupt},
		{name: "truncated png (IEND cut)", in: validPNG[:len(validPNG)-1], want: ErrCorrupt},
		{name: "png without IEND", in: validPNG[:len(validPNG)-12], want: ErrCorrupt},
		{name: "png with a flipped data byte (CRC)", in: withCRCFlip, want: ErrCorrupt},
		{name: "png signature only", in: pngSignature[:], want: ErrCorrupt},
		{name: "png header only (no IDAT)", in: pngHeaderOnly(640, 480), want: ErrCorrupt},
		{name: "png IEND before IDAT", in: pngHeaderOnly(640, 480, pngChunk("IEND", nil)), want: ErrCorrupt},
	}
	for _, tc := range tests {
		for _, split := range []struct {
			name string
			wrap func(io.Reader) io.Reader
		}{{"whole", func(r io.Reader) io.Reader { return r }}, {"one byte reads", iotest.OneByteReader}} {
			t.Run(tc.name+"/"+split.name, func(t *testing.T) {
				t.Parallel()
				info, err := Check(split.wrap(bytes.NewReader(tc.in)), DefaultLimits())
				if tc.want != nil {
					if !errors.Is(err, tc.want) {
						t.Fatalf("err = %v, want %v", err, tc.want)
					}
					if !strings.Contains(err.Error(), tc.wantErrSub) {
						t.Fatalf("err %q does not say %q", err, tc.wantErrSub)
					}
					return
				}
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				sum := sha256.Sum256(tc.in)
				want := Info{Type: tc.wantType, Ext: map[string]string{TypePNG: "png", TypeJPEG: "jpg"}[tc.wantType],
					Width: tc.wantW, Height: tc.wantH, Size: int64(len(tc.in)), SHA256: hex.EncodeToString(sum[:])}
				if info != want {
					t.Fatalf("info = %+v, want %+v", info, want)
				}
			})
		}
	}
}

func TestErrorMessages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want string
	}{
		{ErrUnsupportedType, "Invalid file type. Only JPEG and PNG are supported."},
		{ErrTooLarge, "File too large. Maximum size is 5MB."},
		{&TooLargeError{Limit: mb5}, "File too large. Maximum size is 5MB."},
		{ErrCorrupt, "Image is truncated or corrupt."},
		{&DimensionsError{Width: 1, Height: 100000, MinWidth: 300, MinHeight: 300, MaxWidth: 8192, MaxHeight: 8192},
			"Image dimensions 1x100000 are out of range: allowed 300x300 to 8192x8192."},
		{&DimensionsError{Width: 8192, Height: 8192, MinWidth: 300, MinHeight: 300, MaxWidth: 8192, MaxHeight: 8192, MaxPixels: 40_000_000},
			"Image dimensions 8192x8192 are out of range: at most 40 megapixels are allowed, this image has 67.1."},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("message = %q, want %q", got, tc.want)
		}
	}
	if !errors.Is(unsupported("x"), ErrUnsupportedType) || !errors.Is(corrupt("x"), ErrCorrupt) {
		t.Error("detail errors do not unwrap to their sentinel")
	}
}

func TestSniff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       []byte
		typ, ext string
		err      error
	}{
		{encodePNG(t, 10, 10), TypePNG, "png", nil},
		{encodeJPEG(t, 10, 10)[:100], TypeJPEG, "jpg", nil},
		{[]byte("GIF89a......"), "", "", ErrUnsupportedType},
		{nil, "", "", ErrEmpty},
	}
	for _, tc := range tests {
		typ, ext, err := Sniff(tc.in)
		if typ != tc.typ || ext != tc.ext || !errors.Is(err, tc.err) {
			t.Errorf("Sniff(% x...) = %q %q %v, want %q %q %v", tc.in[:min(4, len(tc.in))], typ, ext, err, tc.typ, tc.ext, tc.err)
		}
	}
	c := NewChecker(DefaultLimits())
	if c.MediaType() != "" {
		t.Fatal("type known before any byte")
	}
	_, _ = c.Write(encodePNG(t, 400, 400)[:16])
	if c.MediaType() != TypePNG {
		t.Fatalf("MediaType after the PNG signature = %q", c.MediaType())
	}
}
