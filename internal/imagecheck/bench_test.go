package imagecheck

import (
	"bytes"
	"io"
	"testing"
)

func BenchmarkChecker5MB(b *testing.B) {
	for name, img := range map[string][]byte{
		"png":  padPNG(b, encodePNG(b, 640, 480), mb5),
		"jpeg": padJPEG(b, encodeJPEG(b, 640, 480), mb5),
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(img)))
			buf := make([]byte, 64<<10)
			for b.Loop() {
				c := NewChecker(DefaultLimits())
				if _, err := io.CopyBuffer(c, struct{ io.Reader }{bytes.NewReader(img)}, buf); err != nil {
					b.Fatal(err)
				}
				if _, err := c.Finish(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
