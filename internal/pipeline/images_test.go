package pipeline

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// pngOf is a valid PNG of w x h pixels of 16-bit RGBA, all zero: it compresses to a few hundred kilobytes
// whatever it decodes to (8192x8192 is 512 MiB decoded).
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	row := make([]byte, 1+w*8) // filter byte, then 8 bytes a pixel
	for range h {
		if _, err := zw.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&out, binary.BigEndian, uint32(len(data)))
		out.WriteString(typ)
		out.Write(data)
		_ = binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	chunk("IHDR", append(ihdr, 16, 6, 0, 0, 0))
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// TestPixelBombIsNotDecoded: an 8192x8192 16-bit PNG (a few hundred kB, 512 MiB decoded) is refused from its
// header, allocating next to nothing; without the bound it was decoded (2 GB of server memory per session).
func TestPixelBombIsNotDecoded(t *testing.T) {
	bomb := pngOf(t, 8192, 8192)
	b := newDecodeBudget(2, maxDecodedBytes)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := b.decode(context.Background(), bytes.NewReader(bomb))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooManyPixels) {
		t.Fatalf("decode: %v, want ErrTooManyPixels", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Fatalf("refusing the bomb allocated %d MB", alloc>>20)
	}
}

// TestDecodesWaitForTheBudget: decoded images hold their estimated bytes until released; a decode that does
// not fit waits (here until its context ends), and proceeds once the memory is given back.
func TestDecodesWaitForTheBudget(t *testing.T) {
	var small bytes.Buffer
	if err := png.Encode(&small, image.NewNRGBA(image.Rect(0, 0, 400, 300))); err != nil {
		t.Fatal(err)
	}
	weight := int64(400 * 300 * (4 + 4))
	b := newDecodeBudget(2, weight) // room for one such image
	img, release, err := b.decode(context.Background(), bytes.NewReader(small.Bytes()))
	if err != nil || img.Bounds().Dx() != 400 {
		t.Fatalf("first decode: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, _, err := b.decode(ctx, bytes.NewReader(small.Bytes())); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second decode while the first is held: %v, want it to wait", err)
	}
	release()
	img, release, err = b.decode(context.Background(), bytes.NewReader(small.Bytes()))
	if err != nil || img.Bounds().Dy() != 300 {
		t.Fatalf("decode after release: %v", err)
	}
	release()
}

// TestSafelyTurnsPanicsIntoErrors: a panic in a goroutine of a step's errgroup is that step's error;
// without safely it ends the process (errgroup does not recover).
func TestSafelyTurnsPanicsIntoErrors(t *testing.T) {
	var g errgroup.Group
	g.Go(safely(func() error { return nil }))
	g.Go(safely(func() error {
		var m map[string]int
		m["card"]++ //nolint:staticcheck // SA5000: the panic this test recovers from
		return nil
	}))
	err := g.Wait()
	if err == nil || !strings.Contains(err.Error(), "panic: assignment to entry in nil map") {
		t.Fatalf("Wait: %v, want the panic as an error", err)
	}
}
