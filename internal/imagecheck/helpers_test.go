package imagecheck

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"testing"
)

// gradient is a cheap non-uniform test picture.
func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{R: uint8(x), G: uint8(y), B: uint8(x ^ y), A: 255})
		}
	}
	return img
}

func encodePNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, gradient(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, gradient(w, h), &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngChunk builds one chunk with a correct CRC.
func pngChunk(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	crc := crc32.Update(crc32.ChecksumIEEE([]byte(typ)), crc32.IEEETable, data)
	return binary.BigEndian.AppendUint32(out, crc)
}

// pngHeaderOnly is a signature and an IHDR claiming w x h (8-bit RGB), followed by body.
func pngHeaderOnly(w, h uint32, body ...[]byte) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	out := append(pngSignature[:], pngChunk("IHDR", ihdr)...)
	for _, b := range body {
		out = append(out, b...)
	}
	return out
}

// padPNG inserts a private ancillary chunk before IEND so the file is exactly size bytes long.
func padPNG(t testing.TB, img []byte, size int) []byte {
	t.Helper()
	iend := len(img) - 12
	pad := size - len(img) - 12
	if pad < 0 {
		t.Fatalf("image already %d bytes, cannot pad to %d", len(img), size)
	}
	out := append([]byte{}, img[:iend]...)
	out = append(out, pngChunk("tpAd", make([]byte, pad))...)
	return append(out, img[iend:]...)
}

// padJPEG inserts COM segments after SOI so the file is exactly size bytes long.
func padJPEG(t testing.TB, img []byte, size int) []byte {
	t.Helper()
	pad := size - len(img)
	out := append([]byte{}, img[:2]...)
	for pad > 0 {
		n := min(pad, 65535+2) // segment = FF FE + length(2) + payload
		if n < 4 {
			t.Fatalf("cannot pad by %d bytes", n)
		}
		if pad-n > 0 && pad-n < 4 {
			n -= 4
		}
		payload := n - 4
		out = append(out, 0xff, jpegCOM, byte((payload+2)>>8), byte(payload+2))
		out = append(out, make([]byte, payload)...)
		pad -= n
	}
	return append(out, img[2:]...)
}

// countingReader counts what the code under test pulled from the source.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// endless yields a prefix followed by an unbounded stream of zero bytes, never EOF before limit.
func endless(prefix []byte, total int64) io.Reader {
	return io.MultiReader(bytes.NewReader(prefix), io.LimitReader(zeros{}, total-int64(len(prefix))))
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
