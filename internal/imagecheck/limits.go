package imagecheck

import "fmt"

// Limits bound what an upload may be. The zero value is not useful: start from DefaultLimits.
type Limits struct {
	// MaxBytes is the largest accepted file; byte MaxBytes+1 fails the check and is never read past.
	MaxBytes int64
	// MinWidth, MinHeight, MaxWidth, MaxHeight bound the pixel dimensions read from the header.
	MinWidth, MinHeight int
	MaxWidth, MaxHeight int
}

// DefaultLimits are the integration guide's: at most 5 MB, 300x300 to 8192x8192.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 5 * 1024 * 1024, MinWidth: 300, MinHeight: 300, MaxWidth: 8192, MaxHeight: 8192}
}

// Validate refuses limits that would accept nothing or everything.
func (l Limits) Validate() error {
	switch {
	case l.MaxBytes <= 0:
		return fmt.Errorf("imagecheck: MaxBytes must be positive, got %d", l.MaxBytes)
	case l.MinWidth < 1 || l.MinHeight < 1:
		return fmt.Errorf("imagecheck: minimum dimensions must be at least 1x1, got %dx%d", l.MinWidth, l.MinHeight)
	case l.MaxWidth < l.MinWidth || l.MaxHeight < l.MinHeight:
		return fmt.Errorf("imagecheck: maximum dimensions %dx%d below minimum %dx%d",
			l.MaxWidth, l.MaxHeight, l.MinWidth, l.MinHeight)
	}
	return nil
}

func (l Limits) checkDimensions(w, h int) error {
	if w < l.MinWidth || h < l.MinHeight || w > l.MaxWidth || h > l.MaxHeight {
		return &DimensionsError{Width: w, Height: h,
			MinWidth: l.MinWidth, MinHeight: l.MinHeight, MaxWidth: l.MaxWidth, MaxHeight: l.MaxHeight}
	}
	return nil
}
