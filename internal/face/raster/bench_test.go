package raster

import "testing"

// BenchmarkResizeDown is a 12-megapixel phone photo shrunk to the 1024 px working size.
func BenchmarkResizeDown(b *testing.B) {
	src := NewRGB(4000, 3000)
	for range b.N {
		Resize(src, 1024, 768)
	}
}
