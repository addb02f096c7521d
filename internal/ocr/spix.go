package ocr

import (
	"encoding/binary"
	"image"
)

// encodeSpix writes a grayscale image in Leptonica's own serialisation ("spix": a header of 32-bit words, then
// the raster as Leptonica holds it in memory), which pixReadMem copies in one memcpy. PGM, used before, goes
// through a memory stream that Leptonica reads one pixel per fread: 5% of the server's CPU per session in
// `make bench-pipeline` (bench/README.md, "Pipeline throughput, round 3"). Tesseract sees the same pixels and
// the same (absent) resolution, so its output is unchanged (TestSpixReadsAsPGM).
//
// Layout (Leptonica spixio.c, host byte order): "spix", w, h, depth 8, words per line, 0 colours, raster
// bytes, raster. A raster word holds four pixels, the leftmost in its most significant byte.
func encodeSpix(img *image.Gray) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	wpl := (w + 3) / 4
	const header = 7 * 4
	out := make([]byte, header+4*wpl*h)
	ne := binary.NativeEndian
	copy(out, "spix")
	for i, v := range []int{w, h, 8, wpl, 0, 4 * wpl * h} {
		ne.PutUint32(out[4+4*i:], uint32(v))
	}
	raster := out[header:]
	for y := range h {
		row := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):][:w]
		line := raster[4*wpl*y:][:4*wpl]
		for x := 0; x < w; x += 4 {
			var word uint32
			for k := range 4 {
				word <<= 8
				if x+k < w {
					word |= uint32(row[x+k])
				}
			}
			ne.PutUint32(line[x:], word)
		}
	}
	return out
}
