package imagecheck

import "fmt"

// Limits bound what an upload may be. The zero value is not useful: start from DefaultLimits.
type Limits struct {
	// MaxBytes is the largest accepted file; byte MaxBytes+1 fails the check and is never read past.
	MaxBytes int64
	// MinWidth, MinHeight, MaxWidth, MaxHeight bound the pixel dimensions read from the header.
	MinWidth, MinHeight int
	MaxWidth, MaxHeight int
	// MaxPixels bounds width x height: what decoding costs. A 522 kB PNG can declare 8192x8192 16-bit RGBA
	// (512 MiB decoded, 2 GB of server memory measured through the pipeline), so the guide's 8192 per side
	// does not bound memory on its own.
	MaxPixels int64
}

// DefaultMaxPixels is 40 megapixels: above any phone camera's photo (a 12 MP photo is 4032x3024) and a
// card scanned at 600 dpi, at most 320 MiB decoded at 8 bytes a pixel.
const DefaultMaxPixels = 40_000_000

// DefaultLimits are the integration guide's: at most 5 MB, 300x300 to 8192x8192, at most 40 megapixels.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 5 * 1024 * 1024, MinWidth: 300, MinHeight: 300, MaxWidth: 8192, MaxHeight: 8192,
		MaxPixels: DefaultMaxPixels}
}

// Validate refuses limits that would accept nothing or everything.
func (l Limits) Validate() error {
	switch {
	case l.MaxBytes <= 0:
		return fmt.Errorf("imagecheck: MaxBytes must be positive, got %d", l.MaxBytes)
	case l.MinWidth < 1 || l.MinHeight < 1:
		return fmt.Errorf("imagecheck: minimum dimensions must be at least 1x1, got %dx%d", l.MinWidth, l.MinHeight)
	case l.MaxPixels < int64(l.MinWidth)*int64(l.MinHeight):
		return fmt.Errorf("imagecheck: MaxPixels %d below the minimum dimensions %dx%d", l.MaxPixels, l.MinWidth, l.MinHeight)
	case l.MaxWidth < l.MinWidth || l.MaxHeight < l.MinHeight:
		return fmt.Errorf("imagecheck: maximum dimensions %dx%d below minimum %dx%d",
			l.MaxWidth, l.MaxHeight, l.MinWidth, l.MinHeight)
	}
	return nil
}

func (l Limits) checkDimensions(w, h int) error {
	if w < l.MinWidth || h < l.MinHeight || w > l.MaxWidth || h > l.MaxHeight || int64(w)*int64(h) > l.MaxPixels {
		return &DimensionsError{Width: w, Height: h,
			MinWidth: l.MinWidth, MinHeight: l.MinHeight, MaxWidth: l.MaxWidth, MaxHeight: l.MaxHeight, MaxPixels: l.MaxPixels}
	}
	return nil
}
