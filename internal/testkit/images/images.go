// Package images makes image files for tests: valid JPEGs and PNGs of chosen sizes, other formats' signatures,
// and the malformed files uploads must refuse (truncated, decompression bombs).
package images

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
)

// JPEG encodes a w x h image of noise (so it does not compress to nothing) at quality q.
func JPEG(w, h, q int, seed uint64) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, noise(w, h, seed), &jpeg.Options{Quality: q}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// PNG encodes a w x h image of noise.
func PNG(w, h int, seed uint64) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, noise(w, h, seed)); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Flat encodes a w x h single-colour PNG (tiny whatever its size).
func Flat(w, h int) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// JPEGOfSize returns a valid JPEG of exactly n bytes (n above a few hundred kB): noise sized to come within a
// few percent, as a phone photo of that size is entropy-coded data almost throughout, then padded after the end
// marker, which decoders ignore.
func JPEGOfSize(n int) []byte {
	// Noise at quality 95 takes about the same bytes per pixel at any size: a small probe gives the side.
	perPixel := float64(len(JPEG(200, 200, 95, 7))) / (200 * 200)
	side := int(math.Sqrt(float64(n) / perPixel))
	for {
		b := JPEG(side, side, 95, 7)
		if len(b) <= n {
			return append(b, make([]byte, n-len(b))...)
		}
		side -= max(side/100, 1)
	}
}

// PNGBomb is a PNG whose header claims w x h pixels, with a tiny (truncated) body: a decompression bomb.
func PNGBomb(w, h int) []byte {
	var b bytes.Buffer
	b.Write([]byte("\x89PNG\r\n\x1a\n"))
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk(&b, "IHDR", ihdr)
	chunk(&b, "IDAT", []byte{0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01})
	chunk(&b, "IEND", nil)
	return b.Bytes()
}

func chunk(b *bytes.Buffer, typ string, data []byte) {
	_ = binary.Write(b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	_ = binary.Write(b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// Signatures of formats uploads must refuse, each followed by filler.
var (
	GIF  = pad([]byte("GIF89a\x2c\x01\x2c\x01\x00\x00\x00"))
	BMP  = pad([]byte("BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"))
	PDF  = pad([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"))
	HEIC = pad([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"))
)

func pad(head []byte) []byte { return append(head, bytes.Repeat([]byte{0x42}, 4096)...) }

func noise(w, h int, seed uint64) image.Image {
	r := rand.New(rand.NewPCG(seed, uint64(w)*31+uint64(h)))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32()), 255
	}
	return img
}
