package imagecheck

import (
	"bytes"
	"image"
	_ "image/jpeg" // DecodeConfig formats for the cross-check
	_ "image/png"
	"testing"
)

// FuzzCheck: never panics, gives the same answer however the bytes are split, and whatever it accepts the
// standard library's header reader accepts with the same type and dimensions.
func FuzzCheck(f *testing.F) {
	f.Add(encodePNG(f, 8, 6))
	f.Add(encodeJPEG(f, 9, 7))
	f.Add(pngHeaderOnly(30000, 30000))
	f.Add([]byte("GIF89a"))
	f.Add([]byte{})
	limits := Limits{MaxBytes: 1 << 20, MinWidth: 1, MinHeight: 1, MaxWidth: 1 << 16, MaxHeight: 1 << 16, MaxPixels: 1 << 32}
	f.Fuzz(func(t *testing.T, in []byte) {
		info, err := Check(bytes.NewReader(in), limits)
		c := NewChecker(limits)
		cut := len(in) / 3
		_, werr := c.Write(in[:cut])
		if werr == nil {
			_, werr = c.Write(in[cut:])
		}
		split, serr := c.Finish()
		if (err == nil) != (serr == nil) || split != info {
			t.Fatalf("split changed the answer: whole (%+v, %v), split (%+v, %v / write %v)", info, err, split, serr, werr)
		}
		if err != nil {
			return
		}
		cfg, format, derr := image.DecodeConfig(bytes.NewReader(in))
		if derr != nil {
			t.Fatalf("accepted %+v but image.DecodeConfig fails: %v", info, derr)
		}
		if "image/"+format != info.Type || cfg.Width != info.Width || cfg.Height != info.Height {
			t.Fatalf("accepted %+v, DecodeConfig says %s %dx%d", info, format, cfg.Width, cfg.Height)
		}
	})
}
