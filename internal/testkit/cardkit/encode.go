package cardkit

import (
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Encode writes img as "jpg"/"jpeg" (at quality, 1-100; 0 means 92) or "png".
func Encode(w io.Writer, img image.Image, format string, quality int) error {
	switch strings.ToLower(format) {
	case "jpg", "jpeg":
		if quality <= 0 || quality > 100 {
			quality = 92
		}
		if err := jpeg.Encode(w, img, &jpeg.Options{Quality: quality}); err != nil {
			return fmt.Errorf("cardkit: encode jpeg: %w", err)
		}
	case "png":
		if err := png.Encode(w, img); err != nil {
			return fmt.Errorf("cardkit: encode png: %w", err)
		}
	default:
		return fmt.Errorf("cardkit: unknown image format %q (want jpg or png)", format)
	}
	return nil
}

// WriteImage writes img to path in the format named by its extension
// (.jpg/.jpeg at quality, or .png).
func WriteImage(path string, img image.Image, quality int) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("cardkit: create image: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("cardkit: close image: %w", cerr)
		}
	}()
	return Encode(f, img, strings.TrimPrefix(filepath.Ext(path), "."), quality)
}
