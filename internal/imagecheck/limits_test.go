package imagecheck

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"testing"
)

func TestByteLimit(t *testing.T) {
	t.Parallel()
	png5 := padPNG(t, encodePNG(t, 320, 320), mb5)
	jpeg5 := padJPEG(t, encodeJPEG(t, 320, 320), mb5)
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"png exactly 5 MB", png5, nil},
		{"jpeg exactly 5 MB", jpeg5, nil},
		{"png 5 MB + 1 byte", padPNG(t, encodePNG(t, 320, 320), mb5+1), ErrTooLarge},
		{"jpeg 5 MB + 1 byte", padJPEG(t, encodeJPEG(t, 320, 320), mb5+1), ErrTooLarge},
		{"jpeg exactly 5 MB then 1 trailer byte", append(append([]byte{}, jpeg5...), 0), ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := &countingReader{r: bytes.NewReader(tc.in)}
			info, err := Check(src, DefaultLimits())
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if tc.want == nil && info.Size != mb5 {
				t.Fatalf("size = %d, want %d", info.Size, mb5)
			}
			if src.n > mb5+1 {
				t.Fatalf("read %d bytes from the source, limit allows at most %d", src.n, mb5+1)
			}
		})
	}
}

// TestFiftyMegabyteStreamRefusedEarly: a 50 MB body that starts as a valid PNG is cut off after the limit.
func TestFiftyMegabyteStreamRefusedEarly(t *testing.T) {
	t.Parallel()
	const total = 50 * 1024 * 1024
	prefix := pngHeaderOnly(640, 480)
	prefix = binary.BigEndian.AppendUint32(prefix, total)
	prefix = append(prefix, "IDAT"...)
	for _, tc := range []struct {
		name string
		run  func(io.Reader) error
	}{
		{"Reader", func(r io.Reader) error { _, err := Check(r, DefaultLimits()); return err }},
		{"Checker as io.Writer", func(r io.Reader) error {
			c := NewChecker(DefaultLimits())
			if _, err := io.CopyBuffer(c, r, make([]byte, 64<<10)); err != nil {
				return err
			}
			_, err := c.Finish()
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := &countingReader{r: endless(prefix, total)}
			err := tc.run(src)
			var tooLarge *TooLargeError
			if !errors.Is(err, ErrTooLarge) || !errors.As(err, &tooLarge) || tooLarge.Limit != mb5 {
				t.Fatalf("err = %v, want ErrTooLarge with limit %d", err, mb5)
			}
			// The Reader never asks for more than limit+1; a writer sees at most one more 64 KiB chunk.
			if src.n > mb5+64<<10 {
				t.Fatalf("consumed %d of %d bytes before refusing; want about %d", src.n, total, mb5)
			}
			t.Logf("refused after %d bytes of %d", src.n, total)
		})
	}
}

// TestDecompressionBombIsCheap: a 30000x30000 PNG header with a tiny body is refused from the header, without
// reading past it and without allocating anything near the 3.6 GB its pixels would need.
func TestDecompressionBombIsCheap(t *testing.T) {
	bomb := pngHeaderOnly(30000, 30000, pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}),
		pngChunk("IEND", nil))
	_, err := Check(bytes.NewReader(bomb), DefaultLimits())
	if !errors.Is(err, ErrDimensions) {
		t.Fatalf("err = %v, want ErrDimensions", err)
	}
	allocs := testing.AllocsPerRun(20, func() { _, _ = Check(bytes.NewReader(bomb), DefaultLimits()) })
	if allocs > 30 {
		t.Fatalf("%v allocations per check, want a handful", allocs)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range 10 {
		_, _ = Check(bytes.NewReader(bomb), DefaultLimits())
	}
	runtime.ReadMemStats(&after)
	if perCheck := (after.TotalAlloc - before.TotalAlloc) / 10; perCheck > 64<<10 {
		t.Fatalf("allocated %d bytes per check of a bomb, want < 64 KiB", perCheck)
	}
	// Streamed as a writer the refusal comes as soon as IHDR is complete (after the sniff prefix).
	c := NewChecker(DefaultLimits())
	if _, err := c.Write(bomb); !errors.Is(err, ErrDimensions) {
		t.Fatalf("Write err = %v, want ErrDimensions", err)
	}
}

func TestCheckerStopsAtFirstError(t *testing.T) {
	t.Parallel()
	c := NewChecker(DefaultLimits())
	gifHead := append([]byte("GIF89a"), make([]byte, sniffLen)...)
	if _, err := c.Write(gifHead); !errors.Is(err, ErrUnsupportedType) {
		t.Fatalf("first write: %v", err)
	}
	if _, err := c.Write(encodePNG(t, 400, 400)); !errors.Is(err, ErrUnsupportedType) {
		t.Fatalf("error is not sticky: %v", err)
	}
	if _, err := c.Finish(); !errors.Is(err, ErrUnsupportedType) {
		t.Fatalf("Finish: %v", err)
	}
}

func TestLimitsValidate(t *testing.T) {
	t.Parallel()
	bad := []Limits{{}, {MaxBytes: 1, MinWidth: 0, MinHeight: 1, MaxWidth: 1, MaxHeight: 1},
		{MaxBytes: 1, MinWidth: 10, MinHeight: 10, MaxWidth: 9, MaxHeight: 10}}
	for _, l := range bad {
		if l.Validate() == nil {
			t.Errorf("Validate(%+v) = nil, want an error", l)
		}
	}
	if err := DefaultLimits().Validate(); err != nil {
		t.Errorf("DefaultLimits invalid: %v", err)
	}
}
